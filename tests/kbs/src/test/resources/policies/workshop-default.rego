package policy

import rego.v1

# An attestation policy in the workshop-era form: one rule per trust claim, reference values
# under data.reference.<name> as lists.

default executables := 33

default hardware := 97

default configuration := 36

executables := 3 if {
	input.azsnpvtpm.tpm.pcr08 in data.reference.pcr08
}

hardware := 2 if {
	input.azsnpvtpm.reported_tcb_snp in data.reference.tcb_snp
}

configuration := 2 if {
	input.azsnpvtpm.policy_debug_allowed == "false"
}
