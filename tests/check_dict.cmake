# SPDX-License-Identifier: Apache-2.0
# Fails when fuzz/awefuzz.dict differs from what 'awefuzz dict' prints from the op list now.
execute_process(COMMAND ${AWEFUZZ} dict OUTPUT_VARIABLE fresh RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "awefuzz dict failed")
endif()
file(READ ${ROOT}/fuzz/awefuzz.dict committed)
if(NOT fresh STREQUAL committed)
  message(FATAL_ERROR "fuzz/awefuzz.dict is stale: run build/<preset>/tools/awefuzz dict -o fuzz/awefuzz.dict")
endif()
