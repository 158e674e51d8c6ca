# flowlab_set_warnings(target): the project's warning set, per target (never global flags).
function(flowlab_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wno-unused-parameter)
  # GCC 12 reports false "may be used uninitialized" inside its own AVX-512 intrinsics when Eigen is
  # built with -march=native; they drown real warnings.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -Wno-maybe-uninitialized)
  endif()
endfunction()

# flowlab_set_arch(target): -march=native when FLOWLAB_NATIVE is on (local builds).
# PUBLIC on purpose: Eigen's alignment depends on the instruction set, so every target that shares
# Eigen objects with flowlab_core must be compiled with the same -march, or objects cross an ABI seam.
function(flowlab_set_arch target)
  if(FLOWLAB_NATIVE)
    get_target_property(type ${target} TYPE)
    if(type STREQUAL "EXECUTABLE")
      target_compile_options(${target} PRIVATE -march=native)
    else()
      target_compile_options(${target} PUBLIC -march=native)
    endif()
  endif()
endfunction()
