package policy

import rego.v1
default executables := 33
default hardware := 97
default configuration := 36

##### Azure vTPM SNP
executables := 3 if {
  input.azsnpvtpm.tpm.pcr03 in data.reference.pcr03
  input.azsnpvtpm.tpm.pcr08 in data.reference.pcr08
  input.azsnpvtpm.tpm.pcr09 in data.reference.pcr09
  input.azsnpvtpm.tpm.pcr11 in data.reference.pcr11
  input.azsnpvtpm.tpm.pcr12 in data.reference.pcr12
}

hardware := 0 if {
  input.azsnpvtpm
}

configuration := 0 if {
  input.azsnpvtpm
}

##### Azure vTPM TDX
executables := 3 if {
  input.aztdxvtpm.tpm.pcr03 in data.reference.pcr03
  input.aztdxvtpm.tpm.pcr08 in data.reference.pcr08
  input.aztdxvtpm.tpm.pcr09 in data.reference.pcr09
  input.aztdxvtpm.tpm.pcr11 in data.reference.pcr11
  input.aztdxvtpm.tpm.pcr12 in data.reference.pcr12
}

hardware := 0 if {
  input.aztdxvtpm
}

configuration := 0 if {
  input.aztdxvtpm
}
