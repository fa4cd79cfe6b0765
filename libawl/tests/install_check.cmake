# SPDX-License-Identifier: Apache-2.0
# cmake -DBUILD_DIR=... -DWORK=... -DGENERATOR=... -DC_COMPILER=... -DC_FLAGS=... -DLINK_FLAGS=...
#       -DCONSUMER=... -P install_check.cmake
# Installs libawl (component libawl) from BUILD_DIR into WORK/prefix, checks that exactly the
# public headers, both archives and the package configuration arrive, then configures, builds
# and runs the consumer project against that prefix alone (find_package(libawl)).
cmake_minimum_required(VERSION 3.20)
foreach(var BUILD_DIR WORK GENERATOR C_COMPILER CONSUMER)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "install_check: ${var} not set")
  endif()
endforeach()

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "install_check: ${what} failed (${rc}):\n${out}")
  endif()
  message(STATUS "${what}: ok")
endfunction()

set(prefix ${WORK}/prefix)
file(REMOVE_RECURSE ${WORK})
run("install" ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix} --component libawl)

file(GLOB_RECURSE installed RELATIVE ${prefix} ${prefix}/*)
list(SORT installed)
set(expected include/awe_defs.h include/awl.h lib/cmake/libawl/libawl-config.cmake
    lib/libawe_vocab.a lib/libawl.a)
foreach(file ${expected})
  if(NOT file IN_LIST installed)
    message(FATAL_ERROR "install_check: ${file} not installed; installed: ${installed}")
  endif()
endforeach()
file(GLOB headers RELATIVE ${prefix}/include ${prefix}/include/*)
list(SORT headers)
if(NOT headers STREQUAL "awe_defs.h;awl.h")
  message(FATAL_ERROR "install_check: the public headers are awl.h and awe_defs.h only; installed: ${headers}")
endif()

run("configure the consumer" ${CMAKE_COMMAND} -S ${CONSUMER} -B ${WORK}/consumer -G ${GENERATOR}
    -DCMAKE_C_COMPILER=${C_COMPILER} "-DCMAKE_C_FLAGS=${C_FLAGS}"
    "-DCMAKE_EXE_LINKER_FLAGS=${LINK_FLAGS}" -DCMAKE_PREFIX_PATH=${prefix}
    -DCMAKE_FIND_PACKAGE_NO_SYSTEM_PACKAGE_REGISTRY=ON -DCMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY=ON)
run("build the consumer" ${CMAKE_COMMAND} --build ${WORK}/consumer)
run("run the consumer" ${WORK}/consumer/awl_consumer)
