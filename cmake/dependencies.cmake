# Finds a required library; when it is missing, says which Debian package provides it
# (scripts/bootstrap installs them all).
macro(mcm_require package debian_package)
  find_package(${package} ${ARGN} QUIET)
  if(NOT ${package}_FOUND)
    message(FATAL_ERROR "${package} not found: install the Debian package ${debian_package} "
                        "(`bash scripts/bootstrap` installs every dependency)")
  endif()
endmacro()

# A static mcm starts in a fraction of the time of a dynamically linked one (no
# symbol lookups or relocations, fewer pages touched): Release builds link it statically, with
# fmt header-only (Debian ships no libfmt.a) and Nettle's libnettle.a.
# Sanitizer and fuzz builds stay dynamic.
if(CMAKE_BUILD_TYPE MATCHES "^(Release|RelWithDebInfo|MinSizeRel)$" AND NOT MCM_FUZZ)
  set(mcm_static_default ON)
else()
  set(mcm_static_default OFF)
endif()
option(MCM_STATIC "Link the mcm executable statically" ${mcm_static_default})
mcm_require(fmt libfmt-dev)
add_library(mcm_fmt INTERFACE)
target_link_libraries(mcm_fmt INTERFACE $<IF:$<BOOL:${MCM_STATIC}>,fmt::fmt-header-only,fmt::fmt>)
mcm_require(CLI11 libcli11-dev CONFIG)
mcm_require(nlohmann_json nlohmann-json3-dev)
mcm_require(GTest libgtest-dev)

# Nettle for MD5 (herd's Hash) and SHA-256 (mcm hw's build cache). Not OpenSSL: libcrypto's
# start-up constructor probes the CPU with CPUID, which a virtual machine traps, at every run.
find_path(MCM_NETTLE_INCLUDE nettle/md5.h)
if(MCM_STATIC)
  find_library(MCM_NETTLE_LIBRARY NAMES libnettle.a)
else()
  find_library(MCM_NETTLE_LIBRARY NAMES nettle)
endif()
if(NOT EXISTS "${MCM_NETTLE_INCLUDE}/nettle/md5.h" OR NOT EXISTS "${MCM_NETTLE_LIBRARY}")
  message(FATAL_ERROR "Nettle not found: install the Debian package nettle-dev "
                      "(`bash scripts/bootstrap` installs every dependency)")
endif()
add_library(mcm_nettle INTERFACE)
target_include_directories(mcm_nettle INTERFACE ${MCM_NETTLE_INCLUDE})
target_link_libraries(mcm_nettle INTERFACE ${MCM_NETTLE_LIBRARY})
mcm_require(Threads build-essential)

# `mcm hw` compiles tests against liburcu at run time; its tests need the headers.
find_path(MCM_URCU_INCLUDE urcu/urcu-memb.h)
if(NOT MCM_URCU_INCLUDE)
  message(FATAL_ERROR "liburcu not found: install the Debian package liburcu-dev "
                      "(`bash scripts/bootstrap` installs every dependency)")
endif()
