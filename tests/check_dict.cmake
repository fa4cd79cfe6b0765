# Fails when fuzz/awefuzz.dict differs from what tools/make-dict.sh prints now.
execute_process(COMMAND bash ${ROOT}/tools/make-dict.sh ${AWEFUZZ}
                OUTPUT_VARIABLE fresh RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "tools/make-dict.sh failed")
endif()
file(READ ${ROOT}/fuzz/awefuzz.dict committed)
if(NOT fresh STREQUAL committed)
  message(FATAL_ERROR "fuzz/awefuzz.dict is stale: run tools/make-dict.sh build/<preset>/tools/awefuzz > fuzz/awefuzz.dict")
endif()
