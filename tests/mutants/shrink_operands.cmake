# SPDX-License-Identifier: Apache-2.0
# shrink_operands.cmake: awefuzz shrink simplifies operands, not only ops: a Map that breaks
# M7 under the mutant map-not-atomic shrinks to the smallest region, grant, page and list
# that still give the same key.
#   cmake -DTOOL=<awefuzz_mutable> -DTRACE=<file> -P shrink_operands.cmake
set(ENV{AWEFUZZ_MUTANT} map-not-atomic)
execute_process(COMMAND ${TOOL} shrink ${TRACE} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "shrink failed (exit ${rc}):\n${out}${err}")
endif()
foreach(want "key: AWE-linux-MAP-M7" "\nalloc n=1 " "\nmap at=R0\\+0 pfns=\\[L0 G0\\]")
  if(NOT out MATCHES "${want}")
    message(FATAL_ERROR "the shrunk trace lacks '${want}':\n${out}")
  endif()
endforeach()
if(out MATCHES "pages=8")
  message(FATAL_ERROR "the region was not shrunk:\n${out}")
endif()
