# SPDX-License-Identifier: Apache-2.0
# cmake/check-export.cmake: exports every regression trace under IN (not found/) as a standalone C reproducer
# (awefuzz export) and compiles each for Windows with CC, warnings as errors.
#   cmake -DAWEFUZZ=<awefuzz> [-DEMULATOR=<cmd|arg|...>] -DCC=<x86_64-w64-mingw32-gcc>
#         [-DFLAGS=<flag|flag|...>] -DIN=<dir> -DOUT=<dir> -P check-export.cmake
# FLAGS go to CC first: with the host compiler, "-fsyntax-only|-I<src/backends/win/shim>"
# checks the reproducers on a host without windows.h.
string(REPLACE "|" ";" emulator "${EMULATOR}")
string(REPLACE "|" ";" flags "${FLAGS}")
file(REMOVE_RECURSE "${OUT}")
file(MAKE_DIRECTORY "${OUT}")
# the regression traces: fuzzer finds (found/) come and go
file(GLOB_RECURSE traces "${IN}/*.trace")
list(FILTER traces EXCLUDE REGEX "/found/")
execute_process(COMMAND ${emulator} "${AWEFUZZ}" export ${traces} -o "${OUT}"
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE log)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "awefuzz export ${IN} failed (${rc}):\n${log}")
endif()
file(GLOB sources "${OUT}/*.c")
if(NOT sources)
  message(FATAL_ERROR "awefuzz export wrote no reproducer for ${IN}")
endif()
set(failed 0)
list(LENGTH sources n)
foreach(src ${sources})
  string(REGEX REPLACE "\\.c$" ".exe" exe "${src}")
  execute_process(COMMAND "${CC}" ${flags} -std=c11 -Wall -Wextra -Werror -o "${exe}" "${src}"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    message(SEND_ERROR "${src} does not compile:\n${out}")
    math(EXPR failed "${failed} + 1")
  endif()
endforeach()
if(failed)
  message(FATAL_ERROR "${failed} of ${n} reproducers do not compile")
endif()
message(STATUS "${n} reproducers exported from ${IN} and compiled with ${CC}")
