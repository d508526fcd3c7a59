package policy

import rego.v1

# The image test's attestation policy, in the workshop's style: a TPM whose boot PCRs are the
# guest image's (its build computes pcr04, pcr09, pcr11, pcr12) runs approved executables, and one
# whose PCR8 is the initdata's has a known configuration. Anything else is not affirming, so the
# resource policy releases no secret to another image or another initdata.

default executables := 33

default hardware := 97

default configuration := 36

trust_claims := {
	"executables": executables,
	"hardware": hardware,
	"configuration": configuration,
}

executables := 3 if {
	input.tpm.pcr04 in query_reference_value("pcr04")
	input.tpm.pcr09 in query_reference_value("pcr09")
	input.tpm.pcr11 in query_reference_value("pcr11")
	input.tpm.pcr12 in query_reference_value("pcr12")
}

# The KBS has checked the quote's signature and that it answers this session's nonce.
hardware := 2 if input.tpm

configuration := 2 if input.tpm.pcr08 in query_reference_value("pcr08")
