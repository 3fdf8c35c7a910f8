"""The Århus schema the tests' children are assessed in, written out by hand (not read from the
catalog the code reads): Børn og familie, Familieforhold in its three parts."""

FACTORS = (
    "udvikling_og_adfaerd",
    "familieforhold_mor",
    "familieforhold_far",
    "familieforhold_soeskende",
    "skoleforhold",
    "sundhedsforhold",
    "fritidsforhold_og_venskaber",
    "selvhjulpenhed",
    "tilknytning",
    "kriminalitet",
)
