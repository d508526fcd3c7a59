#!/usr/bin/env bash
# The registry the guest image test pulls from: the shared test registries (make-registry.sh) built
# for port 5255 into OUTDIR, kept between runs, with two changes for the guest: the server
# certificate also names 10.0.2.2 (the host's loopback as QEMU's user network shows it), and
# encrypted:v1 carries a cosign signature, so the guest pulls an image that is both signed and
# encrypted. Needs root (make-registry.sh installs its packages and builds as root).
#
#   image-registry.sh start OUTDIR KBS_REPOSITORY   start; the KEK, the cosign public key and a
#                                                   policy requiring that signature into the KBS's
#                                                   LocalFs repository; prints the guest's reference
#   image-registry.sh initdata OUTDIR FILE          the registry CA into FILE's cdh.toml
#                                                   (its `# @REGISTRY_CA:extra_root_certificates@` line)
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
make=$(dirname "$here")/../shared/testdata/images/make-registry.sh
port=5255
guest_ref=10.0.2.2:$port/encrypted:v1

[ $# -eq 3 ] || { sed -n '2,12p' "$0" >&2; exit 2; }
outdir=$2

start() { # kbs-repository
  [ -x "$make" ] || { echo "image-registry.sh: $make is missing" >&2; exit 1; }
  if [ ! -f "$outdir/registry.env" ]; then
    REGISTRY_PORT=$port "$make" "$outdir" build 2>"$outdir.build.log" \
      || { tail -20 "$outdir.build.log" >&2; exit 1; }
  fi
  grep -q 10.0.2.2 "$outdir/tls/server.ext" || reissue_certificate
  "$make" "$outdir" start 2>"$outdir.start.log" || { cat "$outdir.start.log" >&2; exit 1; }
  # make-registry.sh's Python (its packages are installed for that one), over HTTPS with the CA.
  REGISTRY_CA_FILE=$outdir/tls/ca.crt /usr/bin/python3 "$outdir/bin/cosign_sign.py" "127.0.0.1:$port" encrypted v1 "$outdir/keys/cosign.key" \
    "$outdir/keys/cosign.password" >/dev/null \
    || { "$make" "$outdir" stop 2>/dev/null; echo "image-registry.sh: signing encrypted:v1 failed" >&2; exit 1; }
  local repo=$1/default
  mkdir -p "$repo/key" "$repo/image-keys" "$repo/security-policy"
  cp "$outdir/kbs/repository/default/key/image-kek" "$repo/key/image-kek"
  cp "$outdir/kbs/repository/default/image-keys/cosign-pub" "$repo/image-keys/cosign-pub"
  # The initdata's policy URI: only this repository's images, and only with a valid cosign signature.
  cat > "$repo/security-policy/workshop" <<EOF
{"default": [{"type": "reject"}],
 "transports": {"docker": {"${guest_ref%:*}": [
   {"type": "sigstoreSigned", "keyPath": "kbs:///default/image-keys/cosign-pub"}]}}}
EOF
  echo "$guest_ref"
}

# The same key, a certificate naming 10.0.2.2 as well, from the registries' own CA.
reissue_certificate() {
  local tls=$outdir/tls
  sed -i 's/^subjectAltName=.*/&,IP:10.0.2.2/' "$tls/server.ext"
  openssl req -new -key "$tls/server.key" -subj /CN=127.0.0.1 -out "$tls/server.csr" 2>/dev/null
  openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.crt" -CAkey "$tls/ca.key" -CAcreateserial -days 30 \
    -extfile "$tls/server.ext" -out "$tls/server.crt" 2>/dev/null
  rm -f "$tls/server.csr" "$tls/ca.srl"
}

initdata() { # file
  awk -v certfile="$outdir/tls/ca.crt" '
    BEGIN { while ((getline line < certfile) > 0) pem = pem line "\n" }
    /^# @REGISTRY_CA:extra_root_certificates@$/ { printf "extra_root_certificates = [\"\"\"\n%s\"\"\"]\n", pem; next }
    { print }' "$1" > "$1.new"
  mv "$1.new" "$1"
}

case $1 in
  start) start "$3" ;;
  initdata) initdata "$3" ;;
  *) sed -n '2,12p' "$0" >&2; exit 2 ;;
esac
