#!/usr/bin/env bash
# Prints the sha256 PCRs a unified kernel image (UKI) leaves when OVMF boots it as the disk's
# default entry and systemd-stub starts its kernel, computed from the UKI's bytes alone:
#   pcr04  OVMF: "Calling EFI Application from Boot Option", the separator, the UKI's Authenticode
#          digest; then the kernel the stub loads through the firmware, its Authenticode digest
#   pcr09  the kernel's EFI stub: its command line (the load options), then the initrd it is given:
#          the UKI's .initrd, then the cpio archive in which the stub passes .osrel on as
#          /.extra/os-release
#   pcr11  the stub: the UKI's sections (systemd-measure calculate; the phase units are masked)
#   pcr12  the stub measures nothing there for a UKI booted as it is (no credentials, no
#          command line from outside): all zeros
# The order is the event log's (tpm2_eventlog of a boot). Another firmware (a cloud's) measures
# its own PCR 4 events; PCRs 9, 11 and 12 are the image's.
# The tools (pesign, systemd-measure, python3-pefile) run through chroot in the build-tools root.
set -euo pipefail
fail() { echo "pcrs.sh: $*" >&2; exit 1; }
[ $# -eq 3 ] && [ "$1" = --tools ] || { echo "usage: guest-image/pcrs.sh --tools BUILD-TOOLS-ROOT UKI" >&2; exit 2; }
tools=$2 uki=$3
[ -f "$uki" ] || fail "no UKI at $uki"
scratch=$(mktemp -d "$tools/tmp/coco4j-pcrs.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
inside=${scratch#"$tools"}
cp "$uki" "$scratch/uki.efi"
in_tools() { chroot "$tools" "$@"; }

# The UKI's sections, each as a file named after it (.linux → linux).
in_tools python3 -c '
import os, pefile, sys
pe = pefile.PE(sys.argv[1])
for section in pe.sections:
    name = section.Name.rstrip(b"\0").decode().lstrip(".")
    with open(os.path.join(sys.argv[2], name), "wb") as out:
        out.write(section.get_data()[:section.Misc_VirtualSize])
' "$inside/uki.efi" "$inside"
for section in linux initrd cmdline; do [ -s "$scratch/$section" ] || fail "the UKI has no .$section section"; done

sha256() { sha256sum | cut -c1-64; }
authenticode() { # file
  in_tools pesign --hash --padding --in="$inside/$1" | awk '{print $1}'
}
# PCR extends from zero: new = sha256(old || digest).
extend() { # digests…
  local pcr digest
  pcr=$(printf '%064d' 0)
  for digest in "$@"; do
    pcr=$(printf "$(printf '%s%s' "$pcr" "$digest" | sed 's/../\\x&/g')" | sha256)
  done
  echo "$pcr"
}

calling=$(printf 'Calling EFI Application from Boot Option' | sha256)
separator=$(printf '\0\0\0\0' | sha256)
echo "pcr04 $(extend "$calling" "$separator" "$(authenticode uki.efi)" "$(authenticode linux)")"

# The load options the stub hands the kernel: the command line in UTF-16, with its terminating NUL.
options=$( (cat "$scratch/cmdline"; printf '\0') | iconv -f UTF-8 -t UTF-16LE | sha256)
# The stub's archive: newc headers of 13 hex words, inodes counted from 1, times and owners zero,
# the directory .extra (0555), the file (0444), the trailer; every part padded to 4 bytes.
word() { printf '%08x' "$1"; }
pad4() { head -c $(( (4 - $1 % 4) % 4 )) /dev/zero; }
header() { printf '070701'; for field in "$@"; do word "$field"; done; }
osrel_cpio() {
  local size
  size=$(stat -c %s "$scratch/osrel")
  header 1 $((0040000 | 0555)) 0 0 1 0 0 0 0 0 0 7 0; printf '.extra\0'; pad4 117
  header 2 $((0100000 | 0444)) 0 0 1 0 "$size" 0 0 0 0 18 0; printf '.extra/os-release\0'
  cat "$scratch/osrel"; pad4 "$size"
  header 0 0 0 0 1 0 0 0 0 0 0 | tr -d '\n'; printf '0000000B'; word 0; printf 'TRAILER!!!\0\0\0\0'
}
[ -s "$scratch/osrel" ] || fail "the UKI has no .osrel section"
initrd=$( (cat "$scratch/initrd"; pad4 "$(stat -c %s "$scratch/initrd")"; osrel_cpio) | sha256)
echo "pcr09 $(extend "$options" "$initrd")"

measured=()
for section in linux osrel cmdline initrd ucode splash dtb uname sbat pcrpkey; do
  [ -f "$scratch/$section" ] && measured+=("--$section=$inside/$section")
done
pcr11=$(in_tools /usr/lib/systemd/systemd-measure calculate --bank=sha256 --phase= "${measured[@]}" 2>/dev/null \
  | sed -n 's/^11:sha256=//p')
[[ "$pcr11" =~ ^[0-9a-f]{64}$ ]] || fail "systemd-measure did not compute PCR 11"
echo "pcr11 $pcr11"
echo "pcr12 $(printf '%064d' 0)"
