#!/usr/bin/env bash
# Contract checks of protos/ with buf (npm @bufbuild/buf of scripts/package.json), offline:
#
#   scripts/proto-check.sh lint              buf lint with the rules and exceptions of buf.yaml
#   scripts/proto-check.sh breaking [REF]    buf breaking against protos/ at REF (default HEAD~1,
#                                            the previous commit; DMIS_BUF_AGAINST overrides)
#
# The google/api and google/type imports come from the Google.Api.CommonProtos NuGet package the
# Contracts project restores (linked into .buf-deps/googleapis), not from the Buf Schema Registry.
# Any missing piece (buf, the NuGet package, the REF) is an error, never a skipped check.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

die() { echo "proto-check: error: $*" >&2; exit 1; }

[ -x scripts/node_modules/.bin/buf ] || (cd scripts && npm ci --ignore-scripts --silent)
buf=scripts/node_modules/.bin/buf
[ -x "$buf" ] || die "buf is not installed (npm ci in scripts/ should bring @bufbuild/buf)"

common_protos() {
  local version packages
  version="$(grep -oP 'Include="Google\.Api\.CommonProtos" Version="\K[^"]+' Directory.Packages.props)" \
    || die "no Google.Api.CommonProtos version in Directory.Packages.props"
  packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
  local dir="$packages/google.api.commonprotos/$version/content/protos"
  [ -d "$dir" ] || dotnet restore src/Dmis.Replenishment.Contracts >/dev/null
  [ -d "$dir/google/api" ] || die "$dir is missing after dotnet restore"
  echo "$dir"
}

# A buf workspace in $1: buf.yaml, and the google protos where buf.yaml expects them.
link_dependencies() {
  mkdir -p "$1/.buf-deps"
  ln -sfn "$(common_protos)" "$1/.buf-deps/googleapis"
}

case "${1:-}" in
  lint)
    link_dependencies .
    "$buf" lint protos
    echo "proto-check: buf lint passed"
    ;;
  breaking)
    against="${2:-${DMIS_BUF_AGAINST:-HEAD~1}}"
    commit="$(git rev-parse --verify --quiet "$against^{commit}")" \
      || die "cannot resolve '$against' (a shallow clone? fetch with enough history)"
    link_dependencies .
    previous="$(mktemp -d)"
    trap 'rm -rf "$previous"' EXIT
    git archive "$commit" protos | tar -x -C "$previous" || die "no protos/ at $against"
    cp buf.yaml "$previous/"
    link_dependencies "$previous"
    "$buf" breaking protos --against "$previous/protos"
    echo "proto-check: buf breaking passed against $against ($commit)"
    ;;
  *)
    sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
