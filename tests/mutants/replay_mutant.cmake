# SPDX-License-Identifier: Apache-2.0
# replay_mutant.cmake: replays every directory of the committed corpus with awefuzz_mutable.
#   cmake -DTOOL=<awefuzz_mutable> -DCORPUS=<corpus dir> -DMUTANT=<name or empty> -P replay_mutant.cmake
# With a mutant named, the replay must end in a clean divergence (exit code 1 with at least
# one "key: AWE-..." line): the corpus caught it. With none, every trace must pass.
file(GLOB children ${CORPUS}/*)
set(dirs "")
foreach(child ${children})
  if(IS_DIRECTORY ${child})
    list(APPEND dirs ${child})
  endif()
endforeach()

set(ENV{AWEFUZZ_MUTANT} "${MUTANT}")
execute_process(COMMAND ${TOOL} replay --quiet ${dirs}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
string(REGEX MATCHALL "key: AWE-[^\n]*" keys "${out}")
string(REGEX MATCHALL "FAIL  [^\n]*" failed "${out}")

if(MUTANT STREQUAL "")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "the corpus fails without a mutant (exit ${rc}):\n${out}${err}")
  endif()
  message(STATUS "no mutant: every trace passes")
  return()
endif()
if(NOT rc EQUAL 1 OR keys STREQUAL "")
  message(FATAL_ERROR "mutant ${MUTANT} survived the corpus replay (exit ${rc}, no divergence "
                      "key) or crashed it:\n${out}${err}")
endif()
list(LENGTH keys n)
string(REPLACE ";" "\n  " shown "${failed}")
message(STATUS "mutant ${MUTANT} caught ${n} time(s):\n  ${shown}")
