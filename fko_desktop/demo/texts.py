"""Names and Danish text fragments for the demo data. Everything here is fictitious.

First names are ordinary Danish first names; surnames are invented compounds (a plant or berry
and a place ending, e.g. "Valmuedal") so no demo person can be mistaken for a real one.
"""

from __future__ import annotations

BOY_NAMES = (
    "Emil",
    "Noah",
    "Oliver",
    "William",
    "Lucas",
    "Victor",
    "Malthe",
    "Frederik",
    "Oscar",
    "Alfred",
    "Magnus",
    "Carl",
    "Elias",
    "Aksel",
    "Johan",
    "Anton",
    "Villads",
    "Storm",
    "Mikkel",
    "Rasmus",
    "Jonas",
    "Kasper",
    "Mads",
    "Thomas",
    "Martin",
    "Jesper",
    "Henrik",
    "Søren",
    "Morten",
    "Kim",
    "Brian",
    "Lars",
    "Peter",
    "Jens",
    "Niels",
    "Bo",
)
GIRL_NAMES = (
    "Emma",
    "Ida",
    "Clara",
    "Freja",
    "Alma",
    "Ella",
    "Sofia",
    "Agnes",
    "Karla",
    "Olivia",
    "Laura",
    "Josefine",
    "Liva",
    "Mathilde",
    "Asta",
    "Nora",
    "Signe",
    "Sara",
    "Maja",
    "Camilla",
    "Line",
    "Mette",
    "Louise",
    "Anne",
    "Katrine",
    "Pernille",
    "Tina",
    "Helle",
    "Susanne",
    "Lene",
    "Hanne",
    "Charlotte",
    "Maria",
    "Rikke",
    "Trine",
    "Dorte",
)
# Adults born 1960–2004 get names from the end of the lists more often; it only matters for flavour.
SURNAME_FIRST = (
    "Valmue",
    "Hyben",
    "Snebær",
    "Kornblomst",
    "Rønnebær",
    "Syren",
    "Mælkebøtte",
    "Blåbær",
    "Tranebær",
    "Kastanje",
    "Hvidtjørn",
    "Kløverblad",
    "Pebermynte",
    "Lupin",
    "Perikon",
    "Gåseurt",
    "Hindbær",
    "Porse",
    "Mjødurt",
    "Slåen",
)
SURNAME_LAST = ("dal", "høj", "vang", "toft", "bakke", "holm", "lund", "mose", "kær", "eng")

STAFF_TITLES = ("Pædagog", "Socialpædagog", "Pædagogisk assistent")
LEADER_TITLE = "Afdelingsleder"

DEPARTMENTS = {"children": ("Solsikken", "Kastanjen"), "adults": ("Egely", "Lyngbo")}

# Real municipalities are fine; the people are not.
MUNICIPALITIES = (
    "Randers",
    "Aarhus",
    "Viborg",
    "Favrskov",
    "Norddjurs",
    "Syddjurs",
    "Silkeborg",
    "Mariagerfjord",
    "Aalborg",
    "Skive",
    "Horsens",
    "Herning",
)
SOCIALTILSYN = "Socialtilsyn Midt"

CHILD_DIAGNOSES = (
    "ADHD",
    "Autismespektrumforstyrrelse",
    "Tilknytningsforstyrrelse",
    "Angst",
    "ADHD og angst",
    "Let udviklingshæmning",
    "Ingen diagnose; udredning i børne- og ungdomspsykiatrien er i gang",
)
# Adult diagnosis → FFB målgruppe (display name in ffb.target_groups).
ADULT_DIAGNOSES = (
    ("Autismespektrumforstyrrelse", "Autismespektrum"),
    ("Udviklingshæmning", "Udviklingshæmning"),
    ("Erhvervet hjerneskade efter trafikulykke", "Erhvervet hjerneskade"),
    ("Skizofreni", "Forandret virkelighedsopfattelse"),
    ("Angst og depression", "Angst"),
    ("Bipolar lidelse", "Depression"),
)

CHILD_WISHES = (
    "Vil gerne have en hund, når {han} bliver voksen, og ønsker at komme mere hjem til {foraelder}.",
    "Ønsker sig et værelse med plads til en computer og vil gerne gå til {aktivitet}.",
    "Vil gerne gå i samme skole som sin storebror og ønsker at se sin mormor oftere.",
    "Drømmer om at blive kok og vil gerne lære at lave mad.",
    "Ønsker at flytte hjem til {foraelder} på sigt.",
)
ADULT_WISHES = (
    "Ønsker på sigt at flytte i egen lejlighed med færre støttetimer.",
    "Vil gerne have et fritidsjob og flere venner uden for bostedet.",
    "Ønsker mere kontakt med {foraelder_voksen} og at komme på ferie til sommer.",
    "Vil gerne kunne klare sin økonomi selv og spare op til en cykel.",
    "Ønsker at blive boende og have det roligt; vil gerne have en kat.",
)

# Fixed per citizen.
CHILD_ACTIVITIES = (
    "fodbold",
    "spejder",
    "svømning",
    "håndbold",
    "ridning",
    "klubben",
    "dans",
    "gymnastik",
    "e-sport i klubben",
)
ADULT_ACTIVITIES = (
    "bowling",
    "kor",
    "svømning",
    "billedkunst på aftenskolen",
    "fitness",
    "fodbold for voksne",
    "gåklubben",
    "madklubben",
)
CHILD_PARENTS = ("mor", "far", "mormor", "farmor", "moster")
ADULT_RELATIVES = ("sin mor", "sin søster", "sin bror", "sin far", "sin morbror")
WORKPLACES = (
    "værkstedet",
    "cafeen i aktivitetscentret",
    "genbrugsbutikken",
    "gartneriet",
    "kantinen på rådhuset",
    "cykelværkstedet",
)
BEDTIMES = ("20.30", "21.00", "21.30", "22.00")

# Varying per note: ``{key}`` placeholders picked fresh for each text.
FILLERS: dict[str, tuple[str, ...]] = {
    "ret": (
        "spaghetti bolognese",
        "frikadeller med kartofler",
        "kyllingesuppe",
        "pasta med pesto",
        "boller i karry",
        "lasagne",
        "tarteletter",
        "omelet",
        "chili con carne",
        "fiskefrikadeller",
        "risotto",
        "tacos",
        "pandekager",
        "kartoffelsuppe",
    ),
    "sted": (
        "biblioteket",
        "svømmehallen",
        "byen",
        "indkøbscentret",
        "stranden",
        "skoven",
        "biografen",
        "bowlinghallen",
        "dyreparken",
        "genbrugsbutikken",
    ),
    "spil": (
        "Uno",
        "Ludo",
        "Minecraft",
        "fodbold i gården",
        "skak",
        "kortspil",
        "bordfodbold",
        "et computerspil",
    ),
    "anledning": (
        "skærmtiden",
        "hvem der skulle sidde foran i bilen",
        "aftensmaden",
        "en kommentar fra en anden beboer",
        "lektierne",
        "et tabt spil",
        "at skulle slukke computeren",
        "en ændring i dagens program",
        "oprydning på værelset",
    ),
    "fag": ("dansk", "matematik", "engelsk", "natur/teknologi", "idræt", "historie"),
    "ven": BOY_NAMES[:18] + GIRL_NAMES[:18],
    "butik": ("Netto", "Rema 1000", "Lidl", "Føtex", "Brugsen", "Spar"),
}

PRONOUNS = {
    "m": {"han": "han", "Han": "Han", "ham": "ham", "hans": "hans"},
    "f": {"han": "hun", "Han": "Hun", "ham": "hende", "hans": "hendes"},
}

# --- journal note fragments --------------------------------------------------------------

OPENERS = {
    "morning": ("", "", "", "Morgenvagt.", "I morges:", "Ved morgenmaden:"),
    "day": ("", "", "", "Eftermiddag:", "Dagvagt.", "Efter frokost:"),
    "evening": ("", "", "", "Aftenvagt.", "I aften:", "Ved aftensmaden:"),
}
REACTIONS = {
    "good": (
        "{navn} virkede glad og stolt bagefter.",
        "Det var tydeligt, at {han} selv var tilfreds.",
        "Godt humør resten af dagen.",
        "{Han} smilede og fortalte det til de andre.",
        "{Han} bad selv om at gøre det igen i morgen.",
        "En god dag, som vi gerne vil have flere af.",
        "{Han} glæder sig til sin fødselsdag og talte om, hvem der skal inviteres.",
    ),
    "mid": (
        "Humøret var svingende i dag.",
        "{Han} virkede lidt træt, men samarbejdede.",
        "Vi sluttede af på en god måde.",
        "{Han} tog imod hjælpen, da den blev tilbudt.",
        "Ikke den bedste dag, men heller ikke den værste.",
        "{Han} var optaget af en fødselsdag, {han} skal til i weekenden.",
    ),
    "hard": (
        "{Han} var træt og irritabel det meste af dagen.",
        "Det var tydeligt, at noget andet fyldte for {ham} i dag.",
        "{Han} faldt til ro efter en stund, men var stille resten af dagen.",
        "Det var en svær dag for {ham}.",
        "{Han} havde brug for meget voksenstøtte i dag.",
    ),
}
ACTIONS = (
    "Jeg roste {ham} for indsatsen.",
    "Vi aftalte at prøve igen i morgen.",
    "Vi brugte billedstøtten som aftalt.",
    "Jeg gav {ham} god tid og holdt mig i baggrunden.",
    "Jeg mindede om aftalen på en rolig måde.",
    "Vi talte kort om delmålet, og {han} kunne selv sætte ord på, hvad der hjalp.",
    "Kontaktpersonen er orienteret.",
    "Aftenvagten er orienteret.",
    "Tages op på personalemødet.",
    "Skrevet ind i overleveringen.",
    "Metoden fra handleplanen blev fulgt.",
    "Vi følger op i morgen.",
)
NOT_ASSESSED_TEXTS = {
    "children": (
        "{navn} var på weekend hos {foraelder}, så delmålet kunne ikke vurderes i dag.",
        "{navn} var syg og lå i sengen det meste af dagen; ikke muligt at vurdere delmålet.",
        "Kort observation: {navn} var på tur med skolen hele dagen. Ikke vurderet.",
        "Situationen opstod ikke i dag, så der er ikke grundlag for en vurdering.",
    ),
    "adults": (
        "{navn} var på besøg hos {foraelder_voksen}, så delmålet kunne ikke vurderes i dag.",
        "{navn} var til kontrol på sygehuset det meste af dagen; ikke vurderet.",
        "Kun kort kontakt med {navn} i dag; ikke grundlag for en vurdering.",
        "Situationen opstod ikke i dag, så der er ikke grundlag for en vurdering.",
    ),
}
EDIT_ADDITIONS = (
    "Tilføjet efter samtale med kollega: {navn} fortalte senere på dagen, at det var gået godt.",
    "Rettet: tidspunktet i teksten var forkert.",
    "Tilføjet: {foraelder} er orienteret om episoden.",
    "Rettet stavefejl og tilføjet, at kontaktpersonen er orienteret.",
)
WITHDRAWAL_REASONS = (
    "Notatet var skrevet på den forkerte borger.",
    "Dobbeltregistrering: samme observation er skrevet to gange.",
    "Skrevet på det forkerte delmål; observationen er skrevet på ny under det rigtige.",
)

# --- goal status, evaluations, follow-up ---------------------------------------------------

STATUS_TREND = {
    "better": (
        "Udviklingen går den rigtige vej, og {navn} har flere gode dage end i sidste periode.",
        "Der er tydelig fremgang i forhold til sidste målstatus.",
        "Perioden viser fremgang; metoden virker og fortsættes.",
    ),
    "same": (
        "Niveauet er stort set uændret siden sidste målstatus.",
        "Perioden har været stabil uden store udsving.",
        "Der er både gode og svære dage, men samlet set er niveauet det samme.",
    ),
    "worse": (
        "Perioden har været præget af tilbagefald, og {navn} har haft brug for mere støtte.",
        "Der er sket en forværring i perioden, som vi drøfter på næste teammøde.",
        "Flere svære dage end i sidste periode; vi justerer metoden.",
    ),
    "first": (
        "Det er den første målstatus efter opstarten.",
        "Første periode har handlet om at lære {navn} at kende og få rutinerne på plads.",
    ),
}
STATUS_NEXT = (
    "Delmålene fortsætter uændret.",
    "Vi fortsætter med samme metode og evaluerer igen om tre måneder.",
    "Næste periode arbejder vi med at trappe støtten lidt ned.",
    "Vi har talt med {navn} om målet, og {han} er enig i vurderingen.",
    "Drøftes med sagsbehandleren ved næste opfølgning.",
)
CITIZEN_STATUS_NOTES = (
    "{navn} synes selv, det går bedre med {label}.",
    "{navn} mener, at {han} er længere, end vi vurderer.",
    "{navn} synes, det har været en svær periode.",
    "{navn} er enig i vurderingen og vil gerne blive ved.",
)
EVALUATIONS = {
    "better": (
        "{navn} har gjort tydelige fremskridt; metoden virker og fortsættes.",
        "Delmålet er godt på vej; vi begynder at trappe støtten ned.",
        "Evalueret på teammødet: fremgang. {navn} tager selv mere initiativ.",
    ),
    "same": (
        "Uændret niveau; vi justerer metoden, så {navn} får mere forudsigelighed.",
        "Delmålet fylder stadig meget i hverdagen; vi fortsætter med samme metode en periode endnu.",
        "Evalueret på teammødet: ingen tydelig ændring. Vi prøver en ny indgang i de næste uger.",
    ),
    "worse": (
        "Perioden har været præget af tilbagefald; vi har talt med {navn} om, hvad der kan hjælpe.",
        "Forværring siden sidst; vi skruer op for støtten og evaluerer igen om en måned.",
    ),
    "achieved": (
        "Delmålet er nået og afsluttes. Næste skridt beskrives i et nyt delmål.",
        "{navn} klarer nu delmålet stabilt; det afsluttes som opnået.",
    ),
    "ended": (
        "Delmålet afsluttes, fordi det ikke gav mening for {navn} i sin nuværende form; det erstattes af et nyt.",
        "Delmålet afsluttes sammen med indsatsmålet.",
    ),
}
CASEWORKER_DISAGREE = (
    "Sagsbehandleren vurderer niveauet anderledes ud fra skolens og familiens oplysninger.",
    "Sagsbehandleren lægger vægt på de svære episoder i perioden.",
    "Sagsbehandleren ser større fremgang end udfører, bl.a. ud fra samtalen med {navn}.",
)
CITIZEN_ASSESSMENT_NOTES = (
    "{navn}: »Det går bedre, synes jeg.«",
    "{navn}: »Det er stadig svært nogle dage.«",
    "{navn} var enig med personalet.",
    "{navn} ville ikke selv give en vurdering, men fortalte om sine gode dage.",
)
FOLLOW_UP_AGREEMENTS = {
    "children": (
        "Indsatsen fortsætter. Næste opfølgning om et halvt år. Skolen inviteres med næste gang.",
        "Indsatsen fortsætter uændret. Samværet med {foraelder} fastholdes hver anden weekend.",
        "Indsatsen fortsætter. Bostedet sender status senest 14 dage før næste møde.",
        "Der aftales et ekstra netværksmøde med skolen inden for to måneder.",
    ),
    "adults": (
        "Indsatsen fortsætter uændret. Næste opfølgning om et år.",
        "Indsatsen fortsætter; støttetimerne fastholdes. Borgeren ønsker mere hjælp til {aktivitet}.",
        "Indsatsen fortsætter. Sagsbehandleren undersøger muligheden for beskæftigelse på {arbejdssted}.",
        "Indsatsen fortsætter. Værgen deltager i næste opfølgning.",
    ),
}
FOLLOW_UP_END_AGREEMENTS = {
    "children": "Indsatsen afsluttes. {navn} flytter hjem til {foraelder} med støtte fra familiebehandling.",
    "adults": "Indsatsen afsluttes. {navn} flytter i egen bolig med socialpædagogisk støtte efter SEL § 85.",
}
AGENDA_POINTS = (
    "Ønske om ekstra timer til ledsagelse til {aktivitet}.",
    "Drøftelse af samværsaftalen.",
    "Bostedet ønsker at drøfte, om et af målene skal omformuleres.",
    "Orientering om ny medicin.",
    "Ønske om udredning hos egen læge.",
)

# --- orders ---------------------------------------------------------------------------------

ORDER_PURPOSES = {
    "children": (
        "Formålet med anbringelsen er, at {navn} får en stabil og tryg hverdag med voksne, der "
        "kan hjælpe {ham} med at udvikle sig personligt, socialt og skolemæssigt, så {han} på "
        "sigt kan vende hjem eller flytte i egen bolig.",
        "Formålet er at sikre {navn} en god opvækst med fokus på skolegang, venskaber og "
        "relationen til familien, så {han} trives og udvikler sig alderssvarende.",
    ),
    "adults": (
        "Formålet med indsatsen er, at {navn} bliver så selvhjulpen som muligt i egen bolig og "
        "får et meningsfuldt hverdagsliv med aktiviteter og kontakt til andre.",
        "Formålet er, at {navn} fastholder og udvikler sine færdigheder i dagligdagen og "
        "oplever tryghed og stabilitet, så risikoen for indlæggelse mindskes.",
    ),
}
ORDER_AGREEMENTS = {
    "children": (
        "Bostedet sender målstatus hver tredje måned og status senest 14 dage før opfølgning. "
        "Samvær med {foraelder} hver anden weekend efter særskilt aftale.",
        "Kontaktpersonen deltager i skole-hjem-samtaler. Sagsbehandleren kontaktes ved "
        "magtanvendelse og ved væsentlige ændringer.",
    ),
    "adults": (
        "Udfører sender status senest 14 dage før opfølgning. Borgeren deltager selv i møderne, "
        "evt. med sin værge.",
        "Støtte efter behov i dagtimerne og rådighed om natten. Sagsbehandleren kontaktes ved "
        "indlæggelse og ved væsentlige ændringer.",
    ),
}
ORDER_OTHER_NEEDS = (
    "Behov for tandlægebehandling; forældrene har samtykket.",
    "Bør have undersøgt synet.",
    "Ønske om kontakt til en fritidsvejleder.",
    "Behov for hjælp til at søge boligstøtte.",
    None,
    None,
)
SERVICES = {
    "children": (("Anbringelse på døgninstitution", "SEL § 66"),),
    "adults": (
        ("Midlertidigt botilbud", "SEL § 107"),
        ("Længerevarende botilbud", "SEL § 108"),
    ),
}

# --- plan -----------------------------------------------------------------------------------

PLAN_BACKGROUND = {
    "children": (
        "{navn} er født i {foedselsaar} og flyttede ind i {afdeling} {indflytning}. {Han} har "
        "tidligere boet hjemme hos {foraelder} og har haft perioder med mange skoleskift. "
        "Diagnose: {diagnoser}.",
        "{navn} kom til {afdeling} {indflytning} efter et kortere ophold i en plejefamilie. "
        "Familien har været kendt i kommunen i flere år. Diagnose: {diagnoser}.",
    ),
    "adults": (
        "{navn} er født i {foedselsaar} og flyttede ind i {afdeling} {indflytning}. {Han} har "
        "tidligere boet i egen lejlighed med støtte og har haft flere indlæggelser. "
        "Diagnose: {diagnoser}.",
        "{navn} flyttede ind i {afdeling} {indflytning} fra et andet botilbud. {Han} har et "
        "godt forhold til {foraelder_voksen}. Diagnose: {diagnoser}.",
    ),
}
PLAN_UNIT_ADDITION = {
    "children": "Bostedet lægger særlig vægt på forudsigelighed i hverdagen, tæt samarbejde med skolen og på at styrke {navn}s relation til {foraelder}.",
    "adults": "Bostedet lægger vægt på, at {navn} selv er med til at sætte retningen, og at støtten gives, så {han} gør så meget som muligt selv.",
}
PLAN_CITIZEN_ADDITION = {
    "children": "{navn} ønsker at gå til {aktivitet} og at komme mere hjem. {foraelder_stort} ønsker, at {navn} bliver bedre i skolen.",
    "adults": "{navn} ønsker at få flere venner og at kunne klare mere selv i lejligheden.",
}
PLAN_PRESENTATION = {
    "children": "{navn} er en nysgerrig og humoristisk {barn}, der holder af {aktivitet} og af at hjælpe de voksne i køkkenet. {Han} har brug for tydelige rammer og voksne, der bliver ved.",
    "adults": "{navn} er en venlig og stille {voksen}, der holder af {aktivitet}, musik og gåture. {Han} har brug for ro og faste aftaler.",
}
PLAN_EARLIER = {
    "children": "Familiebehandling i hjemmet i to år, støttekontaktperson og aflastning hver anden weekend før anbringelsen.",
    "adults": "Socialpædagogisk støtte i egen bolig efter SEL § 85, forløb i distriktspsykiatrien og et ophold på et midlertidigt botilbud.",
}
PLAN_USE_OF_FORCE_PREVENTION = (
    "Konflikter forebygges med forudsigelighed, dagsprogram og en fast voksen i overgangene. "
    "Ved optrapning trækker den voksne sig, sænker stemmen og giver {navn} plads; andre børn "
    "skærmes. Episoder gennemgås bagefter med {navn} og i personalegruppen."
)

# Specialsektoren contexts: (resources and challenges, support need, goals and sub-goals
# incl. ideas for later, evaluation) per context code.
CONTEXT_TEXTS: dict[str, tuple[str, str, str, str]] = {
    "familieforhold": (
        "{navn} er glad for {foraelder} og taler ofte om sine søskende. Samværet kan være svært, når aftaler ændres.",
        "Har brug for faste og forudsigelige samværsaftaler og for en voksen at tale med før og efter samvær.",
        "Se indsatsmålet om samvær. Idé til senere: at {navn} selv planlægger en dag med {foraelder}.",
        "Samværet er blevet mere stabilt; {navn} fortæller oftere selv om weekenderne.",
    ),
    "sundhedsforhold": (
        "{navn} er fysisk sund og aktiv. Søvnen og hygiejnen kræver fortsat støtte.",
        "Har brug for faste rutiner omkring sengetid, bad og måltider.",
        "Se indsatsmålet om sundhed. Idé til senere: mere motion i hverdagen.",
        "Rutinerne fungerer bedre; tandlægen er tilfreds ved seneste besøg.",
    ),
    "kommunikation": (
        "{navn} udtrykker sig godt mundtligt, men har svært ved beskeder med flere led.",
        "Har brug for korte beskeder, billedstøtte og tid til at svare.",
        "Idé til senere: at {navn} selv bruger dagsprogrammet til at planlægge eftermiddagen.",
        "Billedstøtten virker; færre misforståelser i hverdagen.",
    ),
    "indflydelse_paa_eget_liv": (
        "{navn} har klare meninger og deltager gerne i husmøder.",
        "Har brug for hjælp til at se, hvilke valg {han} selv kan træffe, og til at få sine ønsker frem.",
        "Idé til senere: at {navn} selv leder en del af husmødet.",
        "{navn} bringer selv punkter på husmødet.",
    ),
    "foelelses_og_adfaerd": (
        "{navn} er varm og omsorgsfuld, men reagerer voldsomt, når {han} bliver presset.",
        "Har brug for voksne, der hjælper med at sætte ord på følelser og med strategier i svære situationer.",
        "Se indsatsmålet om udvikling og adfærd.",
        "Færre voldsomme episoder end ved anbringelsens start.",
    ),
    "identitet": (
        "{navn} er ved at finde ud af, hvem {han} er, og er optaget af tøj, musik og venner.",
        "Har brug for voksne, der anerkender {ham} og taler med {ham} om {hans} historie.",
        "Idé til senere: livshistoriebog sammen med kontaktpersonen.",
        "{navn} taler mere åbent om sin baggrund.",
    ),
    "selvstaendighed": (
        "{navn} vil gerne klare mere selv, fx lave mad og tage bussen.",
        "Har brug for trinvis træning og en voksen, der trækker sig lidt efter lidt.",
        "Se indsatsmålet om andre forhold. Idé til senere: egne lommepenge til tøj.",
        "{navn} klarer flere praktiske opgaver selv end for et halvt år siden.",
    ),
    "skoleforhold": (
        "{navn} er god til {fag}, men har svært ved at blive i klassen, når opgaverne er svære.",
        "Har brug for tæt samarbejde mellem skole og bosted og for støtte til lektier.",
        "Se indsatsmålet om skole og læring.",
        "Fremmødet er steget; skolen beskriver bedre koncentration.",
    ),
    "fritidsforhold": (
        "{navn} holder af {aktivitet} og af at være udenfor.",
        "Har brug for en voksen, der følger med til nye aktiviteter de første gange.",
        "Idé til senere: at {navn} går til {aktivitet} uden følge.",
        "{navn} er kommet stabilt afsted til {aktivitet}.",
    ),
    "venskabsforhold": (
        "{navn} ønsker sig venner og er glad for {ven} fra klassen.",
        "Har brug for hjælp til at lave legeaftaler og til at løse konflikter.",
        "Se indsatsmålet om fritid og venskaber.",
        "{navn} har fået en fast legekammerat.",
    ),
}

# --- resident diary -------------------------------------------------------------------------

CHILD_DIARY: dict[str, tuple[str, ...]] = {
    "familieforhold": (
        "{navn} talte i telefon med {foraelder} i aften og fortalte om ugen.",
        "Mormor kom på besøg med kage; hyggelig eftermiddag i stuen.",
        "{navn} spurgte, hvornår {han} skal hjem på weekend næste gang.",
    ),
    "sundhedsforhold": (
        "Tandlægebesøg i dag; ingen huller. {navn} var modig i stolen.",
        "{navn} havde ondt i halsen og blev hjemme fra skole.",
        "Spiste godt til aftensmad og tog to gange grøntsager.",
        "Kontrol hos egen læge; alt så fint ud.",
    ),
    "kommunikation": (
        "{navn} brugte dagsprogrammet og spurgte selv, hvad der skulle ske efter frokost.",
        "Svært ved at forstå en besked med flere led; det hjalp at dele den op.",
    ),
    "indflydelse_paa_eget_liv": (
        "{navn} var med på husmødet og ønskede pizza på fredag; ønsket blev vedtaget.",
        "{navn} valgte selv ny farve til sit værelse.",
    ),
    "foelelses_og_adfaerd": (
        "Glad og snakkesalig hele eftermiddagen.",
        "{navn} var trist i aften og savnede {foraelder}; sad længe i sofaen med en voksen.",
        "Lidt kort lunte i dag, men ingen konflikter.",
    ),
    "identitet": (
        "{navn} fik klippet håret og var meget optaget af sit nye udseende.",
        "Talte om, hvad {han} gerne vil være, når {han} bliver voksen.",
    ),
    "selvstaendighed": (
        "{navn} ryddede selv op på værelset uden påmindelse.",
        "Smurte selv madpakke til i morgen.",
    ),
    "skoleforhold": (
        "Skole-hjem-samtale i dag; læreren er tilfreds med udviklingen.",
        "{navn} fik ros for en fremlæggelse i {fag}.",
    ),
    "fritidsforhold": (
        "Tur i {sted} med to af de andre børn og en voksen.",
        "Filmaften i fællesstuen med popcorn.",
    ),
    "venskabsforhold": (
        "{ven} fra klassen var på besøg i to timer.",
        "{navn} og en af de andre beboere byggede hule i haven hele eftermiddagen.",
    ),
}
# FFB themes (display names in ffb.related_themes) → diary texts for adults.
ADULT_DIARY: dict[str, tuple[str, ...]] = {
    "Søvn": (
        "{navn} fortæller, at {han} har sovet dårligt flere nætter i træk.",
        "Udhvilet og i godt humør i morges.",
    ),
    "Kost": (
        "Spiste med i fælleshuset; {ret} og salat.",
        "{navn} har købt meget slik denne uge; vi talte om kost.",
    ),
    "Motion": (
        "Gåtur på en time rundt om søen med personalet.",
        "{navn} var til fitness og fortalte om sit program.",
    ),
    "Fysisk helbred": (
        "Ondt i ryggen; {navn} har fået tid hos lægen på torsdag.",
        "Influenzavaccination på apoteket i dag.",
    ),
    "Familiesituation": (
        "Besøg af {foraelder_voksen} i lejligheden; de drak kaffe og gik en tur.",
        "{navn} fortalte, at søsteren har fået et barn.",
    ),
    "Interesser": (
        "{navn} har købt nye farver og maler på et stort billede.",
        "Så fodbold med de andre beboere i fælleshuset.",
    ),
    "Følelser og adfærd": (
        "Svingende humør; {navn} var irritabel om formiddagen, men glad om eftermiddagen.",
        "{navn} var nedtrykt og ville helst være alene.",
    ),
    "Økonomisk situation": (
        "Møde med værgen om budgettet for næste måned.",
        "{navn} har fået penge tilbage i skat og vil spare op til en ferie.",
    ),
    "Boligsituation": (
        "Vaskemaskinen i lejligheden er gået i stykker; viceværten er kontaktet.",
        "{navn} har hængt nye gardiner op og er glad for lejligheden.",
    ),
    "Indgå i samspil og kontakt": (
        "Hyggesnak med naboen på terrassen i solen.",
        "{navn} hjalp en ny beboer med at finde rundt.",
    ),
}
DIARY_TAILS = ("", "", "", " Intet at bemærke i øvrigt.", " Aftenvagten er orienteret.", " God dag.")

# --- use of force ---------------------------------------------------------------------------

USE_OF_FORCE_REPORTS = (
    "Fastholdelse i ca. {minutter} minutter, da {navn} slog ud efter en anden beboer i forbindelse med {anledning}. "
    "Episoden er gennemgået med {navn} bagefter.",
    "{navn} blev ført væk fra fællesstuen, da {han} kastede med ting efter {anledning}. Varighed ca. {minutter} minutter.",
    "Kortvarig fastholdelse ({minutter} minutter) for at forhindre, at {navn} løb ud på vejen under en konflikt.",
)
#: The measure each report above describes (the ``magtanvendelse`` catalog, children's set).
USE_OF_FORCE_REPORT_MEASURES = ("fastholdelse", "foere_til_andet_rum", "fastholdelse")
USE_OF_FORCE_PREVENTION_TRIED = (
    "Talte roligt med {navn}, gav plads og tilbød at gå en tur.",
    "Forsøgte afledning med musik og bad de andre beboere gå ind i køkkenet.",
    "Skærmede {navn} fra de andre og gav besked om, hvad der skulle ske.",
)
USE_OF_FORCE_PERMISSIONS = (
    "Tilladelse til at tilbageholde {navn} i døren, hvis {han} forsøger at forlade bostedet om natten i utryghed.",
    "Tilladelse til at begrænse {navn}s adgang til mobiltelefon om natten efter aftale med forældremyndighedsindehaver.",
)
USE_OF_FORCE_PERMISSION_MEASURES = ("tilbageholdelse", "kommunikation")
