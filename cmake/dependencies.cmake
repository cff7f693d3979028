# Finds a required library; when it is missing, says which Debian package provides it
# (scripts/bootstrap installs them all).
macro(mcm_require package debian_package)
  find_package(${package} ${ARGN} QUIET)
  if(NOT ${package}_FOUND)
    message(FATAL_ERROR "${package} not found: install the Debian package ${debian_package} "
                        "(`bash scripts/bootstrap` installs every dependency)")
  endif()
endmacro()

mcm_require(fmt libfmt-dev)
mcm_require(CLI11 libcli11-dev CONFIG)
mcm_require(nlohmann_json nlohmann-json3-dev)
mcm_require(GTest libgtest-dev)
mcm_require(OpenSSL libssl-dev)
mcm_require(Threads build-essential)

# `mcm hw` compiles tests against liburcu at run time; its tests need the headers.
find_path(MCM_URCU_INCLUDE urcu/urcu-memb.h)
if(NOT MCM_URCU_INCLUDE)
  message(FATAL_ERROR "liburcu not found: install the Debian package liburcu-dev "
                      "(`bash scripts/bootstrap` installs every dependency)")
endif()
