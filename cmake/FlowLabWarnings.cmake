# flowlab_set_warnings(target): the project's warning set, per target (never global flags).
function(flowlab_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wno-unused-parameter)
endfunction()

# flowlab_set_arch(target): -march=native when FLOWLAB_NATIVE is on (local builds).
function(flowlab_set_arch target)
  if(FLOWLAB_NATIVE)
    target_compile_options(${target} PRIVATE -march=native)
  endif()
endfunction()
