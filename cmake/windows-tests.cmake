# SPDX-License-Identifier: Apache-2.0
# cmake/windows-tests.cmake: the tests of the Windows side (included by the top-level
# CMakeLists.txt after the corpus):
#   export.<target>.compiles  every regression trace of corpus/<target>, exported as a C
#                             reproducer, builds for Windows (any build, whenever the host has
#                             x86_64-w64-mingw32-gcc and can run awefuzz);
#   export.<target>.host      the same reproducers compile with the host's C compiler against
#                             the windows.h shim (src/backends/win/shim), syntax only: builds
#                             without mingw-w64 check them too (the runtime alone is compiled
#                             by every build: awe_repro_runtime_check, tools/CMakeLists.txt);
#   wine.conformance          mingw build with Wine installed: the regression corpus on both
#                             Windows backends under Wine matches known/wine-<major>.txt exactly;
#   windows.conformance       Windows build on Windows: the regression corpus on both backends
#                             (77, skipped, without SeLockMemoryPrivilege);
#   conformance.*             Linux builds: the report on the Linux backend is clean, and a
#                             known entry that matches nothing fails the run.
# Regression traces are those outside corpus/<target>/found (fuzzer finds come and go).

find_program(AWEFUZZ_MINGW_GCC x86_64-w64-mingw32-gcc)
set(awe_can_run_tool TRUE)
if(CMAKE_CROSSCOMPILING AND NOT CMAKE_CROSSCOMPILING_EMULATOR)
  set(awe_can_run_tool FALSE)
endif()

if(AWEFUZZ_MINGW_GCC AND awe_can_run_tool)
  string(REPLACE ";" "|" awe_emulator "${CMAKE_CROSSCOMPILING_EMULATOR}")
  foreach(target ${AWEFUZZ_TARGETS})
    add_test(NAME export.${target}.compiles
      COMMAND ${CMAKE_COMMAND} -DAWEFUZZ=$<TARGET_FILE:awefuzz> "-DEMULATOR=${awe_emulator}"
              -DCC=${AWEFUZZ_MINGW_GCC} -DIN=${PROJECT_SOURCE_DIR}/corpus/${target}
              -DOUT=${CMAKE_BINARY_DIR}/exported/${target}
              -P ${PROJECT_SOURCE_DIR}/cmake/check-export.cmake)
  endforeach()
endif()

if(NOT WIN32 AND CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
  foreach(target ${AWEFUZZ_TARGETS})
    add_test(NAME export.${target}.host
      COMMAND ${CMAKE_COMMAND} -DAWEFUZZ=$<TARGET_FILE:awefuzz> -DCC=${CMAKE_C_COMPILER}
              "-DFLAGS=-fsyntax-only|-I${PROJECT_SOURCE_DIR}/src/backends/win/shim"
              -DIN=${PROJECT_SOURCE_DIR}/corpus/${target} -DOUT=${CMAKE_BINARY_DIR}/exported-host/${target}
              -P ${PROJECT_SOURCE_DIR}/cmake/check-export.cmake)
  endforeach()
endif()

file(GLOB_RECURSE awe_regression CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/corpus/*.trace)
list(FILTER awe_regression EXCLUDE REGEX "/found/")

if(NOT WIN32)
  add_test(NAME conformance.linux.clean
    COMMAND awefuzz conformance --backend linux -o ${CMAKE_BINARY_DIR}/linux-conformance
            ${awe_regression})
  file(WRITE ${CMAKE_BINARY_DIR}/known-stale.txt
       "linux map status * 0xC0000139 an export the Linux backend never lacks\n")
  add_test(NAME conformance.stale_known_entry_fails
    COMMAND awefuzz conformance --backend linux --known ${CMAKE_BINARY_DIR}/known-stale.txt
            ${PROJECT_SOURCE_DIR}/corpus/sequence/lifecycle.trace)
  set_tests_properties(conformance.stale_known_entry_fails PROPERTIES
    PASS_REGULAR_EXPRESSION "known-stale.txt, 1 entry matched nothing")
endif()

if(NOT WIN32 OR NOT awe_can_run_tool)
  return()
endif()

if(CMAKE_CROSSCOMPILING AND AWEFUZZ_WINE)
  execute_process(COMMAND ${AWEFUZZ_WINE} --version OUTPUT_VARIABLE awe_wine_version
                  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  string(REGEX MATCH "wine-([0-9]+)" awe_match "${awe_wine_version}")
  set(awe_known ${PROJECT_SOURCE_DIR}/known/wine-${CMAKE_MATCH_1}.txt)
  if(NOT awe_match OR NOT EXISTS ${awe_known})
    message(STATUS "awefuzz: no known/wine-<major>.txt for '${awe_wine_version}': no wine.conformance test")
  else()
    # Wine cannot hold SeLockMemoryPrivilege: the run is unprivileged (allocations held to A5).
    add_test(NAME wine.conformance
      COMMAND awefuzz conformance --backend win32,nt --unprivileged --known ${awe_known}
              -o ${CMAKE_BINARY_DIR}/wine-conformance ${awe_regression})
  endif()
elseif(NOT CMAKE_CROSSCOMPILING)
  add_test(NAME windows.conformance
    COMMAND awefuzz conformance --backend win32,nt -o ${CMAKE_BINARY_DIR}/windows-conformance
            ${awe_regression})
  set_tests_properties(windows.conformance PROPERTIES SKIP_RETURN_CODE 77)
endif()
