# Shell helpers shared by the demo, the guest-image test and its class list. A script sets `name`
# (the prefix of its error lines), `work` (its scratch directory) and an array `pids` (processes
# it starts) before sourcing this file; on exit they are stopped and `work` is removed, unless
# KEEP is set.

fail() { echo "$name: $*" >&2; exit 1; }

cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "${KEEP:-}" ]; then echo "$name: kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Waits until a condition holds (up to 30 s), or fails naming what did not come up.
await() { # what command…
  local what=$1; shift
  for _ in $(seq 600); do "$@" 2>/dev/null && return 0; sleep 0.05; done
  fail "$what did not come up"
}
is_socket() { [ -S "$1" ]; }
listening() { (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null; }

# A free TCP port on loopback whose successor is free too (swtpm's control port).
free_port_pair() {
  local port
  for _ in $(seq 50); do
    port=$((20000 + RANDOM % 40000))
    if ! listening "$port" && ! listening $((port + 1)); then
      echo "$port"; return 0
    fi
  done
  fail "no free port pair on loopback"
}

# A software TPM (swtpm) on loopback TCP, started (already initialised) with its state in DIR.
start_swtpm() { # dir → sets tpm_port
  mkdir -p "$1"
  tpm_port=$(free_port_pair)
  swtpm socket --tpm2 --tpmstate dir="$1" --flags not-need-init,startup-clear \
    --server type=tcp,port="$tpm_port",bindaddr=127.0.0.1 \
    --ctrl type=tcp,port=$((tpm_port + 1)),bindaddr=127.0.0.1 >"$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 300); do
    listening "$tpm_port" && return 0
    sleep 0.05
  done
  fail "swtpm did not start: $(cat "$1.log")"
}

# The development KBS with the workshop's resources (default/kbsres1/key1 = Confidential_Secret!,
# key2 = 128 random bytes, an image policy refusing every image), its resource policy (allow when
# the attestation is affirming) and empty reference values, on 127.0.0.1 and a free port, over
# HTTPS when DIR has the certificate kbs_certificate makes, else plain HTTP; more KBS options may
# follow. Sets kbs_url.
start_workshop_kbs() { # dir bin [kbs options…]
  local dir=$1 bin=$2
  shift 2
  mkdir -p "$dir/repository/default/kbsres1"
  printf 'Confidential_Secret!' > "$dir/repository/default/kbsres1/key1"
  head -c 128 /dev/urandom > "$dir/repository/default/kbsres1/key2"
  # The initdata's image signature policy: no image is accepted until it names one.
  mkdir -p "$dir/repository/default/security-policy"
  echo '{"default": [{"type": "reject"}], "transports": {}}' > "$dir/repository/default/security-policy/workshop"
  echo '[]' > "$dir/reference-values.json"
  cat > "$dir/policy.rego" <<'POLICY'
package policy
import rego.v1
default allow := false
allow if input["submods"]["cpu0"]["ear.status"] == "affirming"
POLICY
  local transport='insecure_http = true'
  [ ! -f "$dir/https-cert/tls.crt" ] || transport=$'private_key = "https-key/tls.key"\ncertificate = "https-cert/tls.crt"'
  cat > "$dir/kbs-config.toml" <<CONFIG
[http_server]
sockets = ["127.0.0.1:0"]
$transport

[policy_engine]
policy_path = "policy.rego"

[[plugins]]
name = "resource"
type = "LocalFs"
dir_path = "repository"
CONFIG
  start_kbs "$dir" "$bin" --reference-values reference-values.json "$@"
}

# A self-signed certificate for a KBS on 127.0.0.1, where the workshop's kbs-config.toml names its
# files: DIR/https-key/tls.key and DIR/https-cert/tls.crt.
kbs_certificate() { # dir
  mkdir -p "$1/https-key" "$1/https-cert"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 7 -subj /CN=127.0.0.1 \
    -addext subjectAltName=IP:127.0.0.1 -keyout "$1/https-key/tls.key" -out "$1/https-cert/tls.crt" 2>/dev/null \
    || fail "openssl could not make the KBS's certificate"
}

# The demo's initdata for the KBS at URL, from tools/demo/initdata.toml.in; with CERT (a PEM file),
# aa.toml and cdh.toml trust that certificate for the KBS, as a workshop with its own CA writes them.
workshop_initdata() { # url [cert]
  awk -v url="$1" -v certfile="${2:-}" '
    BEGIN { if (certfile != "") while ((getline line < certfile) > 0) pem = pem line "\n" }
    { gsub(/@KBS_URL@/, url) }
    /^# @KBS_CERT:[a-z_]+@$/ { if (pem != "") printf "%s = \"\"\"\n%s\"\"\"\n", substr($0, 13, length($0) - 13), pem; next }
    { print }' "$root/tools/demo/initdata.toml.in"
}

# The development KBS on DIR/kbs-config.toml (paths in it relative to DIR), logging to DIR.log.
# Sets kbs_url.
start_kbs() { # dir bin [kbs options…]
  local dir=$1 bin=$2; shift 2
  (cd "$dir" && exec "$bin/kbs" --config kbs-config.toml "$@") > "$dir.log" 2>&1 &
  pids+=($!)
  await "the KBS" grep -q "kbs: listening on" "$dir.log"
  kbs_url=$(sed -n 's/^kbs: listening on //p' "$dir.log" | head -1)
}

# A recorded pod's requests (DIR/inputs.txt of a kata-golden directory, lines
# ["ep":"<Request>",{input}],) as the decision log agent-policy replays: {"kind":…,"request":…}.
golden_requests() { # dir
  tr -d '\r' < "$1/inputs.txt" | sed -n 's/^\["ep":"\([A-Za-z]*\)",\(.*\)\],\{0,1\}$/{"kind":"\1","request":\2}/p'
}

# Cloud-config user-data that delivers an initdata annotation, as the peer-pod adaptor writes it.
user_data() { # annotation
  printf '#cloud-config\nwrite_files:\n- path: /run/peerpod/initdata\n  content: %s\n' "$1"
}
