#!/usr/bin/env bash
# Renders the Kubernetes manifests (kubectl kustomize, offline) of deploy/k8s/base and every
# overlay, and lints the sources and the rendered output with yamllint (.yamllint).
# kubectl and yamllint come from Debian when missing (as root, after apt-get update: CI runs on
# a clean machine); anything missing otherwise is an error, never a skipped check.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

die() { echo "k8s-check: error: $*" >&2; exit 1; }

missing=()
command -v kubectl >/dev/null || missing+=(kubectl)
command -v yamllint >/dev/null || missing+=(yamllint)
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || die "${missing[*]} missing; install them (apt-get install ${missing[*]}) or run as root"
  echo "k8s-check: installing ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
    || die "apt-get could not install ${missing[*]}"
fi

yamllint --strict deploy/k8s docker-compose.yml buf.yaml .yamllint
for kustomization in deploy/k8s/base deploy/k8s/overlays/*; do
  rendered="$(kubectl kustomize "$kustomization")" || die "kubectl kustomize $kustomization failed"
  yamllint --strict - <<<"$rendered" || die "the rendering of $kustomization does not pass yamllint"
  echo "k8s-check: $kustomization renders $(grep -c '^kind:' <<<"$rendered") objects"
done
