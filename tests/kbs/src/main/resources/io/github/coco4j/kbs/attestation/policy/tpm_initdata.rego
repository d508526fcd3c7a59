package policy

import rego.v1

# Added to Trustee's default CPU policy by this KBS: its tpm verifier refuses evidence whose PCRs
# differ from the tpm_pcrNN (or pcrNN) reference values and requires one for PCR8 (the initdata), so evidence
# that reaches the policy with a registered PCR8 runs approved executables, as the guest's initdata
# (its agent policy) says what may run.
executables := 3 if {
	input.tpm
	input.tpm.pcr08 in query_reference_value("tpm_pcr08")
}

# The workshop's name for the same reference value.
executables := 3 if {
	input.tpm
	input.tpm.pcr08 in query_reference_value("pcr08")
}
