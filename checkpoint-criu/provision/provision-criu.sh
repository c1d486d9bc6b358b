#!/usr/bin/env bash
# provision-criu.sh: make a usable CRIU (>= 4.2) available to FT-JVM.
#
#   checkpoint-criu/provision/provision-criu.sh [--repo DIR] [--force] [--private-only]
#
# 1. A system-wide `criu` >= 4.2 whose `criu check` passes is used as is (libcriu.so.2 is taken
#    from the system when installed, otherwise libcriu2 is fetched privately, see 2).
# 2. Otherwise CRIU 4.2.x is fetched from Debian's newer suite (forky, then sid) into
#    <repo>/.ftjvm/criu/ without touching the system: apt runs with a private sources list and
#    private state/cache directories (<repo>/.ftjvm/criu/apt), the .deb files are unpacked with
#    `dpkg -x` into <repo>/.ftjvm/criu/root, and <repo>/.ftjvm/criu/bin/criu is a wrapper that runs
#    the binary through the private dynamic loader with --library-path (CRIU 4.x needs a newer
#    glibc than Debian 12 has).
#
# The outcome is recorded in <repo>/.ftjvm/criu/criu.properties (binary, libcriu, version, source),
# which io.ftjvm.checkpoint.CriuLocator reads. Safe to run twice: a working installation is only
# re-checked. Exit status: 0 usable CRIU; 1 provisioning failed; 2 usage; 3 CRIU found but
# `criu check` fails on this machine.
#
# Environment: FTJVM_DEBIAN_MIRROR (default http://deb.debian.org/debian),
#              FTJVM_CRIU_SUITES (default "forky sid").
set -euo pipefail

MIN_VERSION=4.2
MIRROR=${FTJVM_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SUITES=${FTJVM_CRIU_SUITES:-forky sid}
# Runtime dependencies measured on Debian 12 (see /work/shared/CRIU.md); the dependency closure
# computed by apt from the chosen suite is added to these, so renamed libraries are followed.
BASE_PACKAGES="criu libcriu2 libcompel1 libc6 libprotobuf-c1 libbsd0 libgnutls30t64 libnet9
  libnftables1 libnl-3-200 libuuid1 libmd0 libp11-kit0 libidn2-0 libunistring5 libtasn1-6
  libnettle8t64 libhogweed6t64 libgmp10 libjansson4 libmnl0 libnftnl11 libxtables12 libedit2
  libffi8 libtinfo6 libbz2-1.0"

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$script_dir/../.." && pwd)
force=0
private_only=0

usage() { sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --repo) [ $# -ge 2 ] || { usage >&2; exit 2; }; repo=$(cd "$2" && pwd); shift 2 ;;
    --force) force=1; shift ;;
    --private-only) private_only=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "provision-criu: unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done

dest="$repo/.ftjvm/criu"
state="$dest/apt"
props="$dest/criu.properties"

say()  { echo "provision-criu: $*"; }
fail() { echo "provision-criu: ERROR: $*" >&2; exit 1; }

# version_ge A B: true when version A >= version B
version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }
criu_version() { "$1" --version 2>/dev/null | sed -n 's/^Version: *//p' | head -n1; }

check_out=""
# run_check BINARY: runs `criu check`, leaves its output in $check_out
run_check() {
  local rc=0
  check_out=$("$1" check 2>&1) || rc=$?
  return $rc
}

write_properties() { # source binary libcriu version suite
  local tmp="$props.tmp.$$"
  {
    echo "# Written by checkpoint-criu/provision/provision-criu.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "source=$1"
    echo "binary=$2"
    echo "libcriu=$3"
    echo "version=$4"
    echo "suite=$5"
  } > "$tmp"
  mv -f "$tmp" "$props"
}

report() { # binary libcriu version
  say "CRIU $3 at $1"
  say "libcriu.so.2 at $2"
  say "recorded in $props"
  say "criu check: $(printf '%s' "$check_out" | tr '\n' ' ' | sed 's/ *$//')"
}

mkdir -p "$dest"
exec 9> "$dest/.lock"
if command -v flock >/dev/null 2>&1; then
  flock -w 900 9 || fail "another provision-criu.sh holds $dest/.lock"
fi

[ "$(id -u)" = 0 ] || say "warning: not running as root; \`criu check\` (and CRIU itself) need root"

# ---------------------------------------------------------------- private apt machinery
apt_opts=()
setup_apt() { # suite
  mkdir -p "$state/lists/partial" "$state/cache/archives/partial" "$state/etc/sources.list.d" \
           "$state/etc/preferences.d" "$state/debs"
  : > "$state/status"
  local keyring=/usr/share/keyrings/debian-archive-keyring.gpg signed=""
  [ -r "$keyring" ] && signed=" signed-by=$keyring"
  echo "deb [arch=amd64$signed] $MIRROR $1 main" > "$state/etc/sources.list"
  apt_opts=(
    -o "Dir::Etc::SourceList=$state/etc/sources.list"
    -o "Dir::Etc::SourceParts=$state/etc/sources.list.d"
    -o "Dir::Etc::Preferences=$state/etc/preferences"
    -o "Dir::Etc::PreferencesParts=$state/etc/preferences.d"
    -o "Dir::State=$state"
    -o "Dir::State::Lists=$state/lists"
    -o "Dir::State::status=$state/status"
    -o "Dir::State::extended_states=$state/extended_states"
    -o "Dir::Cache=$state/cache"
    -o "Dir::Cache::archives=$state/cache/archives"
    -o "Dir::Cache::pkgcache=" -o "Dir::Cache::srcpkgcache="
    -o "APT::Architecture=amd64" -o "APT::Architectures::=amd64"
    -o "Acquire::Languages=none"
    -o "APT::Update::Post-Invoke-Success::="
    -o "APT::Update::Post-Invoke::="
    -o "Acquire::Retries=2" -o "Acquire::http::Timeout=30" -o "Acquire::https::Timeout=30"
  )
}

candidate_version() { # package
  apt-cache "${apt_opts[@]}" policy "$1" 2>/dev/null | sed -n 's/^ *Candidate: *//p' | head -n1
}
upstream_version() { # debian version -> upstream part (4.2.1-1 -> 4.2.1)
  local v=${1#*:}; echo "${v%-*}"
}

# fetch_packages SUITE [--exact] PKG...: downloads PKG... (plus, unless --exact, their dependency
# closure in SUITE) into $state/debs
fetch_packages() {
  local suite=$1; shift
  local closure wanted=() p
  if [ "$1" = --exact ]; then
    shift; closure="$*"
  else
    closure=$(apt-cache "${apt_opts[@]}" depends --recurse --no-recommends --no-suggests \
                --no-conflicts --no-breaks --no-replaces --no-enhances "$@" 2>/dev/null \
              | grep -v '^ ' | grep -v '^<' | sort -u) || true
  fi
  for p in $closure; do wanted+=("$p"); done
  rm -f "$state/debs"/*.deb
  local sandbox=()
  if [ "$(id -u)" = 0 ]; then
    if id _apt >/dev/null 2>&1; then chown _apt "$state/debs" 2>/dev/null || true
    else sandbox=(-o APT::Sandbox::User=root); fi
  fi
  say "downloading ${#wanted[@]} packages from $suite: ${wanted[*]}"
  (cd "$state/debs" && timeout 300 apt-get -q "${apt_opts[@]}" "${sandbox[@]}" download "${wanted[@]}") \
    > "$state/download.log" 2>&1 \
    || { tail -n 20 "$state/download.log" >&2; fail "apt-get download from $suite failed (log: $state/download.log)"; }
}

# update_suite SUITE: private `apt-get update` for SUITE; echoes nothing, returns non-zero on failure
update_suite() {
  setup_apt "$1"
  rm -f "$state/lists/"*_Packages* "$state/lists/"*Release* 2>/dev/null || true
  if ! timeout 300 apt-get -q "${apt_opts[@]}" update > "$state/update-$1.log" 2>&1; then
    say "apt-get update for $1 failed:"; tail -n 8 "$state/update-$1.log" | sed 's/^/    /'
    return 1
  fi
  if grep -qE '^(W|E):' "$state/update-$1.log"; then
    say "apt-get update for $1 reported problems:"; grep -E '^(W|E):' "$state/update-$1.log" | sed 's/^/    /'
    ls "$state/lists/"*_Packages* >/dev/null 2>&1 || return 1
  fi
}

# choose_suite: first suite of $SUITES whose criu is >= MIN_VERSION; sets $suite and $criu_deb_version
choose_suite() {
  local s v
  for s in $SUITES; do
    update_suite "$s" || continue
    v=$(candidate_version criu)
    if [ -n "$v" ] && version_ge "$(upstream_version "$v")" "$MIN_VERSION"; then
      suite=$s; criu_deb_version=$v; return 0
    fi
    say "Debian $s has criu ${v:-(none)}, need >= $MIN_VERSION"
  done
  return 1
}

command -v apt-get >/dev/null 2>&1 && command -v dpkg >/dev/null 2>&1 && have_apt=1 || have_apt=0
arch=$(dpkg --print-architecture 2>/dev/null || uname -m)

# ---------------------------------------------------------------- 1. system criu
sys_criu=""
if [ $private_only = 0 ]; then
  for c in "$(command -v criu 2>/dev/null || true)" /usr/sbin/criu /sbin/criu /usr/local/sbin/criu; do
    [ -n "$c" ] && [ -x "$c" ] && { sys_criu=$c; break; }
  done
fi
if [ -n "$sys_criu" ]; then
  v=$(criu_version "$sys_criu")
  if [ -z "$v" ] || ! version_ge "$v" "$MIN_VERSION"; then
    say "system criu at $sys_criu is version ${v:-unknown}, need >= $MIN_VERSION: not used"
  elif ! run_check "$sys_criu"; then
    say "system criu $v at $sys_criu: \`criu check\` fails, not used:"
    printf '%s\n' "$check_out" | sed 's/^/    /'
  else
    lib=""
    for l in /usr/lib/x86_64-linux-gnu/libcriu.so.2 /lib/x86_64-linux-gnu/libcriu.so.2 \
             /usr/lib64/libcriu.so.2 /usr/local/lib/libcriu.so.2 /usr/local/lib64/libcriu.so.2; do
      [ -e "$l" ] && { lib=$l; break; }
    done
    if [ -z "$lib" ]; then
      lib=$(ldconfig -p 2>/dev/null | sed -n 's/.*libcriu\.so\.2 .*=> *//p' | head -n1)
    fi
    if [ -z "$lib" ] && [ -e "$dest/libcriu/usr/lib/x86_64-linux-gnu/libcriu.so.2" ] && [ $force = 0 ]; then
      lib="$dest/libcriu/usr/lib/x86_64-linux-gnu/libcriu.so.2"
    fi
    if [ -z "$lib" ]; then
      # The system has criu but not libcriu: fetch only libcriu2 (needs GLIBC_2.14 and libprotobuf-c).
      [ $have_apt = 1 ] || fail "system criu has no libcriu.so.2 and apt-get/dpkg are not available"
      say "system criu $v has no libcriu.so.2; fetching libcriu2 privately"
      choose_suite || fail "no Debian suite among: $SUITES offers libcriu2 >= $MIN_VERSION"
      fetch_packages "$suite" --exact libcriu2 libprotobuf-c1
      rm -rf "$dest/libcriu.new"; mkdir -p "$dest/libcriu.new"
      for d in "$state/debs"/libcriu2_*.deb "$state/debs"/libprotobuf-c1_*.deb; do dpkg -x "$d" "$dest/libcriu.new"; done
      rm -rf "$dest/libcriu"; mv "$dest/libcriu.new" "$dest/libcriu"
      lib="$dest/libcriu/usr/lib/x86_64-linux-gnu/libcriu.so.2"
    fi
    write_properties system "$sys_criu" "$lib" "$v" system
    report "$sys_criu" "$lib" "$v"
    exit 0
  fi
fi

# ---------------------------------------------------------------- 2. private criu
wrapper="$dest/bin/criu"
root="$dest/root"
libdir="$root/usr/lib/x86_64-linux-gnu"
private_lib="$libdir/libcriu.so.2"

if [ $force = 0 ] && [ -f "$dest/.complete" ] && [ -x "$wrapper" ] && [ -e "$private_lib" ]; then
  v=$(criu_version "$wrapper")
  if [ -n "$v" ] && version_ge "$v" "$MIN_VERSION"; then
    if run_check "$wrapper"; then
      say "already provisioned (use --force to fetch again)"
      write_properties private "$wrapper" "$private_lib" "$v" "$(sed -n 's/^suite=//p' "$props" 2>/dev/null || echo unknown)"
      report "$wrapper" "$private_lib" "$v"
      exit 0
    fi
    echo "provision-criu: ERROR: the private CRIU $v at $wrapper is installed, but \`criu check\` fails on this machine:" >&2
    printf '%s\n' "$check_out" | sed 's/^/    /' >&2
    exit 3
  fi
  say "existing private installation is unusable (version '${v:-unknown}'); provisioning again"
fi

[ "$arch" = amd64 ] || fail "private provisioning supports amd64 only (this machine: $arch); install criu >= $MIN_VERSION system-wide"
[ $have_apt = 1 ] || fail "no usable criu >= $MIN_VERSION on this machine, and apt-get/dpkg are not available to provision one"

start=$(date +%s)
choose_suite || fail "no usable CRIU: the system has none >= $MIN_VERSION with a passing \`criu check\`, and no Debian suite among '$SUITES' at $MIRROR offers criu >= $MIN_VERSION (see logs in $state)"
say "using criu $criu_deb_version from Debian $suite"

fetch_packages "$suite" $BASE_PACKAGES
rm -f "$dest/.complete"
rm -rf "$root.new"; mkdir -p "$root.new"
for d in "$state/debs"/*.deb; do dpkg -x "$d" "$root.new"; done
[ -x "$root.new/usr/sbin/criu" ] || fail "the criu package did not contain usr/sbin/criu"
ld_so=""
for l in usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 usr/lib64/ld-linux-x86-64.so.2 lib64/ld-linux-x86-64.so.2; do
  [ -e "$root.new/$l" ] && { ld_so=$l; break; }
done
[ -n "$ld_so" ] || fail "libc6 from $suite did not contain ld-linux-x86-64.so.2"

# Every library criu needs must resolve inside the private tree.
missing=$("$root.new/$ld_so" --library-path "$root.new/usr/lib/x86_64-linux-gnu:$root.new/lib/x86_64-linux-gnu" \
            --list "$root.new/usr/sbin/criu" 2>&1 | grep 'not found' || true)
[ -z "$missing" ] || fail "libraries missing from the private CRIU tree:
$missing"

rm -rf "$root"; mv "$root.new" "$root"
mkdir -p "$dest/bin"
cat > "$wrapper.tmp" <<WRAP
#!/bin/sh
# Generated by checkpoint-criu/provision/provision-criu.sh: CRIU $criu_deb_version from Debian $suite,
# run through its own dynamic loader and libraries (it needs a newer glibc than the system's).
R='$root'
exec "\$R/$ld_so" --library-path "\$R/usr/lib/x86_64-linux-gnu:\$R/lib/x86_64-linux-gnu" "\$R/usr/sbin/criu" "\$@"
WRAP
chmod 755 "$wrapper.tmp"; mv -f "$wrapper.tmp" "$wrapper"
rm -f "$state/debs"/*.deb

v=$(criu_version "$wrapper")
[ -n "$v" ] || fail "the private criu does not run: $("$wrapper" --version 2>&1 | head -n 5)"
say "CRIU $v unpacked in $(( $(date +%s) - start )) s"
write_properties private "$wrapper" "$private_lib" "$v" "$suite"
touch "$dest/.complete"
if ! run_check "$wrapper"; then
  echo "provision-criu: ERROR: CRIU $v was provisioned at $wrapper, but \`criu check\` fails on this machine:" >&2
  printf '%s\n' "$check_out" | sed 's/^/    /' >&2
  exit 3
fi
report "$wrapper" "$private_lib" "$v"
