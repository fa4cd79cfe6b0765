# SPDX-License-Identifier: Apache-2.0
# cmake/clang-cl.cmake: compiler flags for clang-cl, LLVM's MSVC-style driver (the
# windows-clang-cl preset), used by the top-level CMakeLists.txt in place of the gcc/clang ones.
# clang-cl's -Wall means -Weverything; /W4 is clang's -Wall -Wextra.
add_compile_options(/W4 -Wshadow -Wstrict-prototypes)
if(AWEFUZZ_WERROR)
  add_compile_options(/WX)
endif()
# The C runtime's advice to use its _s functions and underscored names instead of standard C.
add_compile_definitions(_CRT_SECURE_NO_WARNINGS _CRT_NONSTDC_NO_WARNINGS)
if(AWEFUZZ_SANITIZE)
  message(FATAL_ERROR "clang-cl: the sanitizers need flags of their own there (/fsanitize=address "
                      "and its runtime); configure with -DAWEFUZZ_SANITIZE=OFF, as the "
                      "windows-clang-cl preset does")
endif()
if(AWEFUZZ_LIBFUZZER)
  # Objects compiled with -fsanitize=fuzzer name libFuzzer's runtime (clang_rt.fuzzer*.lib)
  # for the linker, which CMake runs directly: tell it where clang keeps its runtimes.
  execute_process(COMMAND ${CMAKE_C_COMPILER} /clang:-print-resource-dir
                  OUTPUT_VARIABLE awe_clang_resources OUTPUT_STRIP_TRAILING_WHITESPACE)
  link_directories(${awe_clang_resources}/lib/windows)
endif()
