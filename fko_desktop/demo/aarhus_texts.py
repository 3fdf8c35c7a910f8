"""The demo's invented sentences for the Århus schema assessments (seed 003).

Per factor, what the professionals write beside a score in three bands: few or no problems
(0–1), moderate (2) and considerable to massive (3–4), so a text never contradicts its score.
Placeholders are the citizen's fixed values only ({navn}, {han}, {ham}, {hans}, {foraelder}),
filled without drawing from the generator.
"""

from __future__ import annotations

GOOD, MID, HARD = "good", "mid", "hard"

FACTOR_TEXTS: dict[str, dict[str, tuple[str, ...]]] = {
    "udvikling_og_adfaerd": {
        GOOD: (
            "{navn} kan nu oftest sige fra med ord i stedet for med handling.",
            "Få konflikter i perioden; {han} søger selv en voksen, når det bliver svært.",
        ),
        MID: (
            "{navn} reagerer stadig kraftigt på skift og overgange, men falder hurtigere til ro.",
            "Konflikter med de andre børn et par gange om ugen; {han} tager imod guidning bagefter.",
        ),
        HARD: (
            "Daglige udbrud med slag og råb; {navn} har svært ved at styre sin vrede.",
            "{navn} trækker sig fra fællesskabet og reagerer med vrede, når voksne stiller krav.",
        ),
    },
    "familieforhold_mor": {
        GOOD: (
            "Samværet med mor er stabilt hver anden weekend og går godt.",
            "Mor og {navn} ringer sammen flere gange om ugen; gode og rolige samtaler.",
        ),
        MID: (
            "Samværet med mor gennemføres, men {navn} er urolig i dagene efter.",
            "Mor aflyser indimellem samvær; {navn} bliver skuffet, men tager det bedre end før.",
        ),
        HARD: (
            "Samværet med mor er ustabilt, og {navn} er meget påvirket bagefter.",
            "Mange konflikter mellem {navn} og mor; samvær kun med støtte fra personalet.",
        ),
    },
    "familieforhold_far": {
        GOOD: (
            "Far kommer fast til fodbold om lørdagen; {navn} glæder sig til det.",
            "God og stabil kontakt med far, også på telefon.",
        ),
        MID: (
            "Kontakten med far er genoptaget; {navn} er forsigtig, men åben.",
            "Far og {navn} ses en gang om måneden på bostedet; det går bedst i korte besøg.",
        ),
        HARD: (
            "Sporadisk kontakt med far; {navn} vil helst ikke tale om ham.",
            "Far har udeblevet fra de aftalte samvær, og {navn} reagerer med uro og vrede.",
        ),
    },
    "familieforhold_soeskende": {
        GOOD: (
            "{navn} ser sin storesøster jævnligt og nyder det.",
            "Godt forhold til søskende; de ses ved samvær hos mor.",
        ),
        MID: (
            "{navn} savner sine søskende; de ses sjældnere, end {han} ønsker.",
            "Samværet med lillebror går godt i korte perioder og ender ofte i skænderier.",
        ),
        HARD: (
            "Meget jalousi og konflikter med søskende; samvær kun med en voksen til stede.",
            "{navn} har næsten ingen kontakt med sine søskende, som bor hos plejefamilie.",
        ),
    },
    "skoleforhold": {
        GOOD: (
            "Fuldt fremmøde i skolen; lærerne beskriver {navn} som glad og deltagende.",
            "{navn} følger undervisningen i alle fag og laver lektier med støtte om aftenen.",
        ),
        MID: (
            "Fremmødet er steget til fire dage om ugen; {navn} har brug for pauser i løbet af dagen.",
            "{navn} er i skole hver dag, men har svært ved at koncentrere sig i timerne.",
        ),
        HARD: (
            "Stort skolefravær; {navn} går i skole to-tre dage om ugen og kun nogle timer ad gangen.",
            "{navn} er ikke i skole; der arbejdes på et nyt skoletilbud med kommunen.",
        ),
    },
    "sundhedsforhold": {
        GOOD: (
            "{navn} sover godt og spiser med de andre; ingen sygdom i perioden.",
            "God søvn og døgnrytme; tandlæge og lægetjek er overstået.",
        ),
        MID: (
            "Uro ved sengetid og enkelte vågne nætter; {navn} spiser bedre end før.",
            "{navn} har ondt i maven før skole flere gange om ugen; lægen er orienteret.",
        ),
        HARD: (
            "Svær indsovning og mange vågne nætter; {navn} er træt i løbet af dagen.",
            "{navn} spiser meget lidt og er undervægtig; fast kontakt med egen læge.",
        ),
    },
    "fritidsforhold_og_venskaber": {
        GOOD: (
            "{navn} går til fritidsaktivitet hver uge og har fået en god ven i klassen.",
            "{navn} har legeaftaler med andre børn og deltager gerne i fællesaktiviteter.",
        ),
        MID: (
            "{navn} er startet til en fritidsaktivitet med en voksen ved siden af.",
            "Venskaberne er skrøbelige; {navn} trækker sig, når legen bliver svær.",
        ),
        HARD: (
            "{navn} har ingen venner uden for bostedet og bruger det meste af fritiden på skærm.",
            "Ingen fritidsaktiviteter; {navn} vil ikke deltage, heller ikke med en voksen med.",
        ),
    },
    "hverdagsliv": {
        GOOD: (
            "{navn} står selv op, møder til tiden og holder sine aftaler.",
            "Faste rutiner om morgenen og aftenen; {navn} klarer dem med lidt påmindelse.",
        ),
        MID: (
            "{navn} har brug for påmindelser for at komme op og af sted om morgenen.",
            "Døgnrytmen skrider i weekenderne; hverdagene fungerer med en ugeplan.",
        ),
        HARD: (
            "Vendt døgnrytme; {navn} sover til middag og kommer sjældent af sted.",
            "{navn} holder ikke aftaler og har svært ved at få dagen til at hænge sammen.",
        ),
    },
    "misbrug": {
        GOOD: (
            "{navn} fortæller selv, at {han} er holdt op med at ryge hash; prøverne er rene.",
            "{navn} har prøvet at drikke til en fest; vi har talt med {ham} om det.",
        ),
        MID: (
            "{navn} ryger hash i weekenderne; vi taler åbent om det og har aftaler.",
            "Enkelte episoder med alkohol ved fester; {navn} og personalet har lavet aftaler.",
        ),
        HARD: (
            "Dagligt hashforbrug; {navn} er henvist til ungeindsatsen for rusmidler.",
            "{navn} kommer flere gange om ugen hjem påvirket; samarbejde med misbrugsbehandlingen.",
        ),
    },
    "kriminalitet": {
        GOOD: (
            "Ingen nye sigtelser i perioden; {navn} holder sig fra de gamle kammerater.",
            "{navn} har været med venner, der stjal i en butik, men gik selv derfra.",
        ),
        MID: (
            "En sigtelse for butikstyveri i perioden; samtale med SSP er holdt.",
            "{navn} er set sammen med en gruppe, politiet kender; vi holder tæt kontakt til SSP.",
        ),
        HARD: (
            "Flere sigtelser for tyveri og hærværk; sagen er i samråd med politi og SSP.",
            "{navn} er sigtet for vold; ungdomskriminalitetsnævnet er inddraget.",
        ),
    },
    "selvhjulpenhed": {
        GOOD: (
            "{navn} klarer selv bad, tøj og at smøre madpakke.",
            "{navn} tager selv bussen til skole og klarer små indkøb.",
        ),
        MID: (
            "{navn} klarer morgenrutinen med et billedskema og lidt hjælp.",
            "{navn} kan selv, men glemmer trinene uden en voksen i nærheden.",
        ),
        HARD: (
            "{navn} har brug for hjælp til påklædning, hygiejne og måltider.",
            "{navn} kan endnu ikke klare praktiske opgaver uden en voksen ved siden af.",
        ),
    },
    "tilknytning": {
        GOOD: (
            "{navn} søger trøst hos sin kontaktpædagog og tager imod den.",
            "Tryg tilknytning til de faste voksne; {han} kan vente på dem.",
        ),
        MID: (
            "{navn} er knyttet til kontaktpædagogen, men bliver utryg ved vagtskifte.",
            "{navn} tester de voksne meget, men kommer tilbage efter konflikter.",
        ),
        HARD: (
            "{navn} går ukritisk med fremmede voksne og søger ikke trøst hos de faste.",
            "{navn} afviser voksenkontakt og trækker sig, når {han} er ked af det.",
        ),
    },
    "livsduelighed": {
        GOOD: (
            "{navn} kan tage små beslutninger selv og bede om hjælp, når {han} har brug for det.",
            "{navn} kender sine egne grænser og siger fra over for andre.",
        ),
        MID: (
            "{navn} øver sig i at vælge selv; det går bedst med to muligheder ad gangen.",
            "{navn} har brug for en voksen til at forberede nye situationer.",
        ),
        HARD: (
            "{navn} er meget afhængig af voksne i alle hverdagens valg.",
            "{navn} forstår sjældent konsekvenserne af sine valg; tæt guidning hele dagen.",
        ),
    },
    "kommunikation": {
        GOOD: (
            "{navn} fortæller selv om sin dag og gør sig forståelig for nye voksne.",
            "{navn} bruger tale og tegn sikkert og kan sige, hvad {han} vil.",
        ),
        MID: (
            "{navn} bruger piktogrammer og enkelte ord; de faste voksne forstår {ham} godt.",
            "{navn} kan udtrykke behov, men bliver frustreret, når {han} ikke bliver forstået.",
        ),
        HARD: (
            "{navn} har meget lidt sprog og udtrykker sig mest gennem adfærd.",
            "Kommunikationen er svær; {navn} bliver frustreret og slår, når {han} ikke bliver forstået.",
        ),
    },
}

#: For a score of 0 where the band's texts would say too much (a "1" is still a small problem).
ZERO_TEXTS: dict[str, tuple[str, ...]] = {
    "kriminalitet": ("Ingen kendt kriminalitet.",),
    "misbrug": ("Intet kendt brug af rusmidler.",),
}

#: Put before the factor's text when the score moved since the assessment before.
BETTER = ("Fremgang siden sidst.", "Bedre end ved sidste vurdering.", "En tydelig udvikling.")
WORSE = ("Et tilbageslag siden sidst.", "Dårligere end ved sidste vurdering.", "Perioden har været svær.")

#: Why a family factor is "Ikke vurderet".
NO_FATHER = "Far har ikke kontakt med {navn}; forholdet kan ikke vurderes."
NO_SIBLINGS = "{navn} har ingen søskende."

#: The child's own note beside their score, and the parents'.
CHILD_NOTES = {
    GOOD: ("Det går fint, synes jeg.", "Det er blevet meget bedre.", "Jeg kan godt lide det nu."),
    MID: ("Nogle gange er det svært.", "Det er okay.", "Det går lidt bedre end før."),
    HARD: ("Jeg gider ikke snakke om det.", "Det er svært.", "Det er ikke så slemt, som I siger."),
}
PARENT_NOTES = {
    GOOD: ("Vi kan mærke en stor forskel derhjemme.", "Det går godt, når {navn} er hjemme."),
    MID: ("Vi ser fremgang, men det er stadig op og ned.", "Bedre end sidst, synes vi."),
    HARD: ("Vi er bekymrede for {ham}.", "Vi synes, det er værre, end I beskriver."),
}

#: The assessment's own note, by kind (seed 003 Figure 6).
INTAKE_NOTES = (
    "Første vurdering; billedet bygger på sagens akter og de første uger på bostedet.",
    "Scoret ved indskrivningsmødet sammen med sagsbehandleren.",
)
THREE_MONTH_NOTES = (
    "Kvik-tjek efter tre måneder: billedet fra indskrivningen holder i det store og hele.",
    "Enkelte scorer justeret, nu hvor vi kender {navn} bedre.",
)
FOLLOW_UP_NOTES = (
    "Gennemgået på opfølgningsmødet; målene til næste gang er aftalt med {navn}.",
    "Sagsbehandleren var enig i scorerne.",
    "{navn} var med i første halvdel af mødet og scorede selv.",
)
