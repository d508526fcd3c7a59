package policy

import rego.v1

# Today's Trustee gives attestation policies the reference values through the host function
# query_reference_value(name): the value the RVPS holds for that name, or null without one. This
# KBS passes them as data.reference (as the workshop-era Trustee did) and defines the function over it.
query_reference_value(name) := value if {
	value := data.reference[name]
} else := null
