# SPDX-License-Identifier: Apache-2.0
# The package configuration of an installed libawl: find_package(libawl) gives libawl::awl
# (and libawl::awe_vocab, which it links). awl uses pthreads, so the consumer needs them too.
include(CMakeFindDependencyMacro)
find_dependency(Threads)
include("${CMAKE_CURRENT_LIST_DIR}/libawl-targets.cmake")
