#!/usr/bin/env bash
# Prints a new Orleans cluster certificate for a deployment: a self-signed ECDSA P-256 certificate for TLS server and
# client authentication, valid five years, as a base64 PKCS#12 (PFX) without password: what ClusterCertificate.Create()
# makes and Orleans__Tls__Certificate expects. Usage (docs/deploy.md):
#   azd env set AZURE_ORLEANS_CERTIFICATE "$(./eng/new-cluster-certificate.sh)"
set -euo pipefail
command -v openssl >/dev/null || { echo "openssl not found: apt-get install openssl" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1825 -subj "/CN=platform-orleans-cluster" \
  -addext "basicConstraints=critical,CA:FALSE" -addext "keyUsage=critical,digitalSignature" \
  -addext "extendedKeyUsage=serverAuth,clientAuth" -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
openssl pkcs12 -export -inkey "$work/key.pem" -in "$work/cert.pem" -passout pass: | base64 -w0
echo
