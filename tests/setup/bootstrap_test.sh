#!/usr/bin/env bash
# scripts/bootstrap and cmake tell a newcomer what to install, and never fail for want of apt.
set -uo pipefail
src=$1
fail() { echo "FAIL: $*"; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

bash "$src/scripts/bootstrap" --bogus >/dev/null 2>&1
[ $? -eq 2 ] || fail "an unknown option must exit 2"

# Without apt-get (another distribution): a message naming the packages, exit 0.
mkdir "$work/bin"
for tool in bash id grep dpkg-query; do ln -s "$(command -v $tool)" "$work/bin/$tool" 2>/dev/null; done
out=$(PATH="$work/bin" bash "$src/scripts/bootstrap" --tests 2>&1) || fail "no apt-get must not fail: $out"
grep -q "no apt-get here" <<<"$out" || fail "no apt-get: message missing: $out"
grep -q "libfmt-dev" <<<"$out" || fail "no apt-get: packages not named: $out"
grep -q "graphviz" <<<"$out" || fail "no apt-get: --tests packages not named: $out"

# On this machine everything is installed: a clear message, exit 0, nothing installed.
out=$(bash "$src/scripts/bootstrap" 2>&1) || fail "installed packages must not fail: $out"
grep -q "already installed" <<<"$out" || fail "installed: message missing: $out"

# cmake names the Debian package of a library it cannot find.
for pair in fmt:libfmt-dev CLI11:libcli11-dev nlohmann_json:nlohmann-json3-dev; do
  package=${pair%%:*}; debian=${pair#*:}
  out=$(cmake -S "$src" -B "$work/build-$package" -DCMAKE_DISABLE_FIND_PACKAGE_$package=ON 2>&1)
  [ $? -ne 0 ] || fail "cmake without $package must fail"
  grep -q "install the Debian package $debian" <<<"$out" || fail "cmake without $package: $out"
done
# Nettle is found by its header and library (as if its headers were missing here).
out=$(cmake -S "$src" -B "$work/build-nettle" -DMCM_NETTLE_INCLUDE="$work/no-such-dir" 2>&1)
[ $? -ne 0 ] || fail "cmake without Nettle must fail"
grep -q "install the Debian package nettle-dev" <<<"$out" || fail "cmake without Nettle: $out"
echo "bootstrap and cmake messages OK"
