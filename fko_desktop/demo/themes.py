"""The goal themes of the demo data: goal texts, sub-goals and journal observations.

Each theme belongs to one goal domain: an ICS dimension (children, catalog ``ics``) or an FFB
sub-theme of *Aktivitet og deltagelse* (adults, catalog ``ffb``, named by its display text and
resolved to its code through ``fko_desktop.models.catalogs`` when the demo is built).

Texts use ``str.format_map`` placeholders filled per note: ``{navn}`` (first name), ``{han}``,
``{Han}``, ``{ham}``, ``{hans}`` (pronouns), the citizen's fixed details (``{foraelder}``,
``{foraelder_voksen}``, ``{aktivitet}``, ``{arbejdssted}``, ``{sengetid}``) and varying details
(``{ret}``, ``{sted}``, ``{spil}``, ``{anledning}``, ``{fag}``, ``{ven}``, ``{butik}``), see
``fko_desktop.demo.texts.FILLERS``. Everything is fictitious.
"""

from __future__ import annotations

from dataclasses import dataclass

SubGoalText = tuple[str, str, str]  # text, justification, method


@dataclass(frozen=True)
class Theme:
    key: str
    area: str  # "children" | "adults"
    domain: str  # ICS code (children) or FFB sub-theme display name (adults)
    label: str  # short Danish label used in summaries
    goals: tuple[str, ...]
    maintenance: str
    sub_goals: tuple[SubGoalText, ...]
    good: tuple[str, ...]
    mid: tuple[str, ...]
    hard: tuple[str, ...]
    hours: tuple[tuple[int, int], ...]  # local hour windows [start, end) the notes fall in
    weekdays_only: bool = False
    # Adults: FFB related themes (display names) a goal may carry besides its domain.
    related: tuple[str, ...] = ()


CHILD_THEMES: tuple[Theme, ...] = (
    Theme(
        key="soevn",
        area="children",
        domain="sundhed",
        label="søvn og aftenrutine",
        goals=(
            "{navn} følger den aftalte aftenrutine og sover i eget værelse senest kl. {sengetid} "
            "på hverdage, mindst fem ud af syv aftener.",
            "{navn} falder selv til ro i sin seng inden for en halv time efter godnat, mindst "
            "fire aftener om ugen.",
        ),
        maintenance="{navn} fastholder en stabil døgnrytme med sengetid senest kl. {sengetid} på hverdage.",
        sub_goals=(
            (
                "{navn} følger aftenrutinen (bad, tandbørstning, læsning) ud fra billedskemaet på døren.",
                "{navn} har svært ved overgangen fra aktivitet til ro og har gavn af forudsigelighed og visuel støtte.",
                "Fast rækkefølge med piktogrammer; samme voksne siger godnat; dæmpet lys og lydbog de sidste 15 minutter.",
            ),
            (
                "{navn} afleverer selv mobil og tablet i personalestuen kl. 20.45.",
                "Skærmen holder {ham} vågen langt ud på aftenen, og det går ud over skolen næste dag.",
                "Fast tidspunkt, påmindelse et kvarter før, ros når det lykkes; forældrene er orienteret og bakker op.",
            ),
            (
                "{navn} bliver i sin seng efter godnat og kalder på en voksen i stedet for at gå ud på gangen.",
                "Uro på gangen om aftenen giver konflikter med de andre børn og forsinker søvnen.",
                "Ringeklokke ved sengen, fast voksen på gangen de første 20 minutter, kort tryghedsrunde kl. 21.30.",
            ),
            (
                "{navn} står selv op ved første vækning på skoledage.",
                "En god morgen hænger sammen med en rolig aften; vi arbejder med hele døgnrytmen.",
                "Vækkeur med lys, én vækning fra den voksne, morgenmaden står klar på bordet.",
            ),
        ),
        good=(
            "{navn} fulgte aftenrutinen uden påmindelser i aften og lå stille i sengen kl. {sengetid}.",
            "Rolig aften. {navn} afleverede selv tabletten i personalestuen og sagde godnat til de andre.",
            "{navn} valgte selv lydbogen og sov, inden den første fortælling var slut.",
            "Bad, tænder og nattøj på plads uden diskussion. {Han} bad selv om at få lyset slukket.",
            "{navn} fortalte, at {han} gerne vil blive ved med at gå tidligt i seng, fordi {han} er mindre træt i skolen.",
        ),
        mid=(
            "{navn} gik i seng til tiden, men kom ud på gangen to gange for at spørge til morgendagen. Gik selv ind igen efter en kort snak.",
            "Aftenrutinen gik fint, indtil tabletten skulle afleveres. Efter en påmindelse og fem minutter ekstra lykkedes det.",
            "{navn} var urolig efter aftensmaden og brugte lang tid på badeværelset, men faldt til ro med lydbogen.",
            "Søvnen kom sent i gang; {navn} lå og talte om {anledning}, men blev i sengen.",
        ),
        hard=(
            "{navn} havde meget svært ved at falde til ro i aften og var ude på gangen mange gange. Nattevagten er orienteret.",
            "{navn} nægtede at aflevere mobilen og blev vred, da jeg mindede om aftalen. Lå stadig vågen, da nattevagten kom.",
            "Urolig aften. {navn} var ked af det over {anledning} og kunne ikke finde ro. Jeg sad ved sengen i lang tid.",
            "Aftenrutinen faldt fra hinanden; {navn} ville hverken i bad eller børste tænder og larmede, så de mindste børn vågnede.",
        ),
        hours=((19, 22),),
    ),
    Theme(
        key="hygiejne",
        area="children",
        domain="sundhed",
        label="hygiejne",
        goals=(
            "{navn} klarer sin daglige hygiejne (bad, tandbørstning og rent tøj) med højst én påmindelse om dagen.",
            "{navn} går i bad mindst hver anden dag og vælger selv rent tøj efter vejret.",
        ),
        maintenance="{navn} fastholder sin gode personlige hygiejne, så {han} selv klarer bad og tandbørstning.",
        sub_goals=(
            (
                "{navn} går i bad efter skemaet på badeværelsesdøren (mandag, onsdag, fredag og søndag).",
                "{navn} glemmer badet eller undgår det, og kammeraterne har kommenteret lugt.",
                "Skema på døren, fast tidspunkt efter aftensmaden, håndklæde og rent tøj lagt frem; ros bagefter.",
            ),
            (
                "{navn} børster tænder morgen og aften i to minutter med timer.",
                "Tandlægen har fundet huller, og {navn} springer ofte tandbørstningen over.",
                "Timer på badeværelset, tandbørste med lys; den voksne tjekker med et smil, ikke med kontrol.",
            ),
            (
                "{navn} lægger selv beskidt tøj i vasketøjskurven og tager rent tøj på hver morgen.",
                "{navn} tager gerne det samme tøj på flere dage i træk.",
                "Tøjet lægges frem aftenen før sammen med en voksen; efter en måned gør {navn} det selv.",
            ),
        ),
        good=(
            "{navn} gik selv i bad efter aftensmaden og huskede rent tøj bagefter. Hygiejnen fungerer fint for tiden.",
            "Børstede tænder morgen og aften uden påmindelse og viste stolt timeren frem.",
            "{navn} havde selv lagt tøj frem til i morgen og smidt det beskidte i kurven.",
            "God morgen: bad, tænder og hår klaret på egen hånd inden morgenmaden.",
        ),
        mid=(
            "{navn} gik i bad efter én påmindelse, men glemte at tage rent tøj på.",
            "Tandbørstningen blev klaret, men meget hurtigt; vi talte om at bruge timeren igen.",
            "{navn} ville helst udskyde badet; vi aftalte at gøre det efter {aktivitet}, og det holdt.",
        ),
        hard=(
            "{navn} nægtede at gå i bad i dag og blev vred, da jeg nævnte det. Vi talte om hygiejne, og om hvad vennerne i klassen har sagt.",
            "Har haft samme tøj på i tre dage. {navn} ville ikke tale om det; vi prøver igen i morgen med en anden indgang.",
            "Ingen tandbørstning i aften trods flere påmindelser; {navn} låste sig inde på værelset.",
        ),
        hours=((7, 9), (17, 21)),
    ),
    Theme(
        key="skolegang",
        area="children",
        domain="skole_og_laering",
        label="skolegang",
        goals=(
            "{navn} møder i skole til tiden alle skoledage og bliver hele skoledagen, vurderet over en måned.",
            "{navn} har et fremmøde i skolen på mindst 90 procent og deltager aktivt i undervisningen i {fag}.",
        ),
        maintenance="{navn} fastholder sit stabile fremmøde i skolen og går glad afsted om morgenen.",
        sub_goals=(
            (
                "{navn} står op ved første vækning og er klar til skolebussen kl. 7.40.",
                "Morgenerne er kaotiske, og {navn} kommer ofte for sent eller slet ikke i skole.",
                "Fast vækketid, morgenmad klar, tasken pakket aftenen før; en voksen følger til bussen.",
            ),
            (
                "{navn} bliver i klassen de første to lektioner med støtte fra AKT-læreren.",
                "{navn} forlader ofte klassen, når opgaverne bliver svære.",
                "Aftale med skolen om pausekort, dagligt opkald mellem skole og bosted, fælles belønningssystem.",
            ),
            (
                "{navn} fortæller hver dag en voksen om én ting, der gik godt i skolen.",
                "{navn} har mange negative fortællinger om skolen; vi vil styrke de gode oplevelser.",
                "Fast snak ved eftermiddagsmaden; den voksne spørger konkret og skriver det gode i kontaktbogen.",
            ),
            (
                "{navn} pakker selv skoletasken efter tjeklisten aftenen før.",
                "Glemte bøger og idrætstøj giver dårlige starter på skoledagen.",
                "Tjekliste på væggen, fast tidspunkt kl. 19.30; en voksen tjekker sammen med {navn} den første måned.",
            ),
        ),
        good=(
            "{navn} stod op ved første vækning og nåede skolebussen med god tid. Skolen meldte om en god dag i {fag}.",
            "God skoledag. {navn} fortalte stolt om en opgave i {fag}, som {han} havde klaret alene.",
            "Tasken var pakket aftenen før, og {navn} gik selv ud til bussen. Intet fravær i skolen denne uge.",
            "Læreren skrev i kontaktbogen, at {navn} blev i klassen hele dagen og rakte hånden op flere gange.",
        ),
        mid=(
            "{navn} kom afsted i skole, men ti minutter for sent, fordi {han} ikke kunne finde sine sko.",
            "Skolen ringede: {navn} gik ud af klassen én gang i {fag}, men kom selv tilbage efter pausen.",
            "Svær start på morgenen, men {navn} tog med bussen efter en snak om dagens skema.",
        ),
        hard=(
            "{navn} ville ikke i skole i dag og sagde, at {han} havde ondt i maven. Vi ringede til skolen og aftalte, at {han} kommer i morgen.",
            "Skolen ringede ved 10-tiden; {navn} var gået fra skolen efter en konflikt i frikvarteret. Hentet af personalet.",
            "Meget træt og afvisende i morges. {navn} nåede ikke bussen og blev kørt i skole til tredje lektion.",
            "{navn} kom hjem og smed tasken i gangen; {han} ville ikke fortælle om skoledagen og sagde, at skolen er dum.",
        ),
        hours=((7, 9), (14, 17)),
        weekdays_only=True,
    ),
    Theme(
        key="lektier",
        area="children",
        domain="skole_og_laering",
        label="lektier og læsning",
        goals=(
            "{navn} laver lektier i 30 minutter fire dage om ugen med en voksen ved siden af og afleverer dem til tiden.",
            "{navn} læser højt for en voksen i 15 minutter hver skoledag og kan genfortælle det læste.",
        ),
        maintenance="{navn} fastholder sin faste lektierutine ved spisebordet efter eftermiddagsmaden.",
        sub_goals=(
            (
                "{navn} sætter sig ved spisebordet med lektierne kl. 16.00 efter eftermiddagsmaden.",
                "Lektierne bliver udskudt, til {navn} er for træt til at lave dem.",
                "Fast tidspunkt, timer på 30 minutter; den voksne sidder med og hjælper i gang.",
            ),
            (
                "{navn} læser højt 15 minutter om dagen i en bog, {han} selv har valgt på biblioteket.",
                "Læsningen halter efter klassetrinnet, og {navn} undgår at læse.",
                "Ugentlig tur til biblioteket, læsekort med streger, ros for indsats frem for tempo.",
            ),
            (
                "{navn} beder selv om hjælp, når en opgave er svær, i stedet for at give op.",
                "{navn} giver hurtigt op og bliver frustreret over opgaver, {han} ikke forstår med det samme.",
                "Hjælpekort på bordet; den voksne viser, hvordan man spørger; opgaverne deles op i små trin.",
            ),
        ),
        good=(
            "Lavede lektier i {fag} i 30 minutter ved spisebordet uden at blive mindet om det. Stolt af resultatet.",
            "{navn} læste højt i sin biblioteksbog og kunne bagefter genfortælle kapitlet med egne ord.",
            "Bad selv om hjælp til en opgave i {fag} og arbejdede videre bagefter. God koncentration i dag.",
        ),
        mid=(
            "Lektierne blev lavet, men først efter to påmindelser. {navn} var træt efter skole.",
            "{navn} læste ti af de femten minutter; resten gik med at snakke om {aktivitet}.",
            "Gik i stå i opgaven i {fag} og blev irriteret, men kom i gang igen med lidt hjælp.",
        ),
        hard=(
            "Ingen lektier i dag. {navn} smed bogen på gulvet og sagde, at {han} ikke kan finde ud af {fag}.",
            "{navn} nægtede at læse og gik på værelset. Vi prøver igen i morgen med en kortere opgave.",
            "Meget urolig ved spisebordet; lektierne i {fag} blev opgivet efter fem minutter.",
        ),
        hours=((15, 19),),
        weekdays_only=True,
    ),
    Theme(
        key="venner",
        area="children",
        domain="fritid_og_venskaber",
        label="venskaber",
        goals=(
            "{navn} har mindst én aftale med en ven uden for skoletid hver uge og løser små uenigheder med hjælp fra en voksen.",
            "{navn} leger med andre børn i mindst en halv time uden konflikter fire dage om ugen.",
        ),
        maintenance="{navn} fastholder sine venskaber med faste legeaftaler hver uge.",
        sub_goals=(
            (
                "{navn} inviterer en ven fra klassen med hjem på bostedet én gang om ugen.",
                "{navn} ønsker sig venner, men tager ikke selv initiativ.",
                "Den voksne hjælper med at ringe eller skrive, planlægger en aktivitet og er i nærheden under besøget.",
            ),
            (
                "{navn} øver turtagning i spil med en voksen og ét andet barn to gange om ugen.",
                "Legen går ofte i stykker, fordi {navn} har svært ved at tabe og vente.",
                "Korte brætspil, tydelige regler; den voksne sætter ord på følelserne undervejs.",
            ),
            (
                "{navn} siger fra med ord, når en leg ikke er sjov længere.",
                "{navn} siger ja til alt for at være med og ender i situationer, {han} ikke bryder sig om.",
                "Rollespil om at sige fra, aftalte sætninger, opfølgning efter legeaftaler.",
            ),
        ),
        good=(
            "{navn} havde {ven} med hjem efter skole. De spillede {spil} og grinede meget; ingen konflikter.",
            "Tabte i {spil} og sagde selv tillykke til de andre. Stor fremgang i samspillet med vennerne.",
            "{navn} ringede selv til {ven} og lavede en aftale til lørdag.",
            "Fin eftermiddag på legepladsen; {navn} legede med de andre børn i over en time og hjalp en af de mindste.",
        ),
        mid=(
            "Legeaftalen med {ven} gik godt den første time; derefter en uenighed om {spil}, som blev løst med hjælp.",
            "{navn} ville gerne være med i fodbold, men stod lidt udenfor. Kom med, da en voksen hjalp i gang.",
            "{navn} fortalte, at {han} savner venner i klassen. Vi talte om, hvem {han} kunne invitere.",
        ),
        hard=(
            "{navn} kom i konflikt med {ven} over {spil} og sagde bagefter, at ingen gider være venner med {ham}.",
            "Legen endte med skub og råb. {navn} gik alene på værelset og ville ikke tale om det.",
            "{navn} var ked af det, fordi {han} ikke var inviteret til en fødselsdag i klassen, og isolerede sig resten af eftermiddagen.",
        ),
        hours=((14, 20),),
    ),
    Theme(
        key="fritid",
        area="children",
        domain="fritid_og_venskaber",
        label="fritidsaktiviteter",
        goals=(
            "{navn} deltager i en fast fritidsaktivitet ({aktivitet}) én gang om ugen i mindst seks måneder.",
            "{navn} kommer afsted til {aktivitet} hver uge uden at aflyse og fortæller bagefter om det.",
        ),
        maintenance="{navn} fastholder sin ugentlige deltagelse i {aktivitet}.",
        sub_goals=(
            (
                "{navn} tager med en voksen til {aktivitet} hver tirsdag og bliver hele træningen.",
                "{navn} har stoppet mange aktiviteter efter kort tid.",
                "Fast følgevoksen, aftale med træneren, snak bagefter om det gode ved træningen.",
            ),
            (
                "{navn} pakker selv sin taske til {aktivitet} aftenen før.",
                "Glemt udstyr har flere gange fået {navn} til at blive hjemme.",
                "Tjekliste på døren; ros, når tasken er klar.",
            ),
            (
                "{navn} prøver tre aktiviteter i klubben og vælger én.",
                "{navn} ved ikke, hvad {han} kan lide, og siger nej til alt nyt.",
                "Prøvegange med en voksen, billeder af aktiviteterne; {navn} vælger selv.",
            ),
        ),
        good=(
            "Var til {aktivitet} i dag og kom glad hjem. Træneren sagde, at {navn} havde været med hele tiden.",
            "{navn} mindede selv om, at det var dag for {aktivitet}, og havde pakket tasken.",
            "Fortalte begejstret om {aktivitet} ved aftensmaden og vil gerne have en af de andre børn med.",
        ),
        mid=(
            "Tog afsted til {aktivitet}, men ville hjem efter halvdelen. Vi aftalte at blive til pausen, og det lykkedes.",
            "{navn} var i tvivl om {aktivitet} i dag, men tog med, da en voksen fulgte med.",
            "Træningen gik fint, men {navn} blev ked af det, da {han} ikke kom med på holdet i en øvelse.",
        ),
        hard=(
            "{navn} nægtede at tage til {aktivitet} i dag og sagde, at {han} hader det. Blev hjemme.",
            "Kom hjem fra {aktivitet} efter en konflikt med en anden deltager. Træneren ringede.",
            "Aflyste selv {aktivitet} for tredje gang i træk; {navn} sagde, at de andre griner af {ham}.",
        ),
        hours=((15, 20),),
    ),
    Theme(
        key="vrede",
        area="children",
        domain="udvikling_og_adfaerd",
        label="vrede og konflikter",
        goals=(
            "{navn} bruger sin aftalte strategi (sige stop, gå på værelset, tælle til ti) i stedet for at slå eller kaste med ting, når {han} bliver vred.",
            "{navn} kan inden for en halv time efter en konflikt fortælle en voksen, hvad der skete, og hvad {han} kunne gøre anderledes.",
        ),
        maintenance="{navn} fastholder at bruge sine strategier, når {han} bliver vred, så der ikke opstår voldsomme konflikter.",
        sub_goals=(
            (
                "{navn} siger »stop« og går på værelset i fem minutter, når {han} mærker vreden vokse.",
                "Konflikter optrappes hurtigt, og {navn} slår ud, før {han} selv opdager, at {han} er vred.",
                "Vredesskala med farver på køleskabet, aftalt tegn mellem {navn} og de voksne, ros når strategien bruges.",
            ),
            (
                "{navn} viser på vredesskalaen, hvordan {han} har det, én gang om dagen ved eftermiddagsmaden.",
                "{navn} har svært ved at mærke og sætte ord på sine følelser.",
                "Dagligt tjek på skalaen; den voksne sætter ord på egne følelser; korte samtaler uden krav.",
            ),
            (
                "{navn} går en tur med en voksen efter en konflikt og fortæller, hvad der skete.",
                "Efter konflikter lukker {navn} sig inde, og episoderne bliver ikke bearbejdet.",
                "Gåtur frem for samtale ved bordet, tegning af forløbet, fokus på næste skridt frem for skyld.",
            ),
        ),
        good=(
            "Blev frustreret over {anledning}, men sagde selv stop og gik på værelset i fem minutter. Kom tilbage og kunne fortælle, hvad der var sket.",
            "Rolig dag. {navn} viste grøn på vredesskalaen ved eftermiddagsmaden og fortalte om en god dag.",
            "Uenighed med en anden beboer om {anledning}; {navn} gik selv væk og bad en voksen om hjælp. Flot.",
            "{navn} kunne på gåturen fortælle præcist, hvad der gjorde {ham} vred i går, og hvad {han} vil gøre næste gang.",
        ),
        mid=(
            "{navn} blev vred over {anledning} og råbte, men slog ikke. Faldt til ro efter ti minutter med en voksen ved siden af.",
            "Viste gul på vredesskalaen. Lidt kort lunte ved aftensmaden, men ingen egentlige konflikter.",
            "Smækkede med døren efter {anledning}, men kom selv ud igen og sagde undskyld.",
        ),
        hard=(
            "Blev meget vred over {anledning} og kastede med en stol. Jeg skærmede de andre børn, og {navn} faldt til ro efter ca. 20 minutter.",
            "Voldsom konflikt ved aftensmaden; {navn} slog ud efter en voksen. Episoden er gennemgået med afdelingslederen.",
            "{navn} var på rødt det meste af dagen og havde svært ved at tage imod hjælp. Mange små konflikter med de andre børn.",
            "Råbte og truede en anden beboer efter {anledning}. Vi skilte dem ad, og {navn} ville ikke tale om det bagefter.",
        ),
        hours=((7, 22),),
    ),
    Theme(
        key="angst",
        area="children",
        domain="udvikling_og_adfaerd",
        label="angst og tryghed",
        goals=(
            "{navn} håndterer sin angst i nye situationer med sine aftalte redskaber, så {han} deltager i mindst to nye aktiviteter om måneden.",
            "{navn} fortæller en voksen, når angsten fylder, og bruger vejrtrækningsøvelsen, før {han} trækker sig.",
        ),
        maintenance="{navn} fastholder at bruge sine redskaber mod angst, så {han} fortsat deltager i hverdagens aktiviteter.",
        sub_goals=(
            (
                "{navn} bruger vejrtrækningsøvelsen (fire ind, fire ud), når angsten melder sig.",
                "Angsten får {navn} til at trække sig fra aktiviteter, {han} egentlig gerne vil være med i.",
                "Øvelsen trænes dagligt i rolige stunder, så den sidder, når det bliver svært; påmindelseskort i lommen.",
            ),
            (
                "{navn} forbereder sig på nye aktiviteter ved at se billeder og tale om dem dagen før.",
                "Det uforudsigelige udløser angst, og {navn} siger nej på forhånd.",
                "Dagsprogram med billeder, forberedende snak, aftalt mulighed for at gå, hvis det bliver for meget.",
            ),
            (
                "{navn} går selv hen til kiosken og handler en lille ting én gang om ugen.",
                "Angst for at være blandt fremmede begrænser {navn}s hverdag.",
                "Gradvis træning: først med en voksen ved siden af, så ventende udenfor, til sidst alene.",
            ),
        ),
        good=(
            "Var nervøs før turen til {sted}, men brugte vejrtrækningsøvelsen og tog med. Angsten fyldte mindre, da vi var kommet afsted.",
            "{navn} gik selv ind i kiosken og betalte. Kom stolt ud og sagde, at det slet ikke var så slemt.",
            "Rolig dag uden tegn på angst. {navn} deltog i {aktivitet} sammen med de andre.",
            "Fortalte selv, at maven strammede før mødet, og bad om fem minutter. Deltog derefter hele mødet.",
        ),
        mid=(
            "Angsten var tydelig før turen til {sted}; {navn} tog med, men holdt sig tæt til en voksen hele tiden.",
            "{navn} brugte øvelsen, men ville alligevel hjem efter en halv time. Vi roste forsøget.",
            "Bekymret for {anledning} det meste af eftermiddagen; kunne med støtte sætte ord på angsten.",
        ),
        hard=(
            "Meget angst i dag. {navn} ville ikke forlade værelset og spiste aftensmad der. Vi sad hos {ham} en stund.",
            "Panikagtig reaktion i bussen på vej til {sted}; vi stod af og gik hjem. {navn} var udmattet bagefter.",
            "{navn} aflyste {aktivitet} på grund af angst og græd, da vi talte om det.",
        ),
        hours=((8, 21),),
    ),
    Theme(
        key="samvaer",
        area="children",
        domain="familieforhold",
        label="samvær med familien",
        goals=(
            "{navn} gennemfører det aftalte samvær med {foraelder} hver anden weekend og kan bagefter fortælle en voksen, hvordan det gik.",
            "{navn} har en ugentlig telefonsamtale med {foraelder}, som forløber roligt og slutter som aftalt.",
        ),
        maintenance="{navn} fastholder det gode og stabile samvær med {foraelder}.",
        sub_goals=(
            (
                "{navn} taler med en voksen om samværet dagen før og dagen efter.",
                "Samvær vækker mange følelser, og {navn} reagerer ofte med uro i dagene omkring.",
                "Fast samtale før og efter, kalender med samværsdage, tæt kontakt til {foraelder} om de praktiske aftaler.",
            ),
            (
                "{navn} ringer til {foraelder} søndag kl. 18 med en voksen i nærheden.",
                "Telefonsamtalerne ender ofte i skænderier.",
                "Fast tidspunkt, samtalen begrænses til 15 minutter; den voksne hjælper med at afslutte.",
            ),
            (
                "{navn} laver en lille ting (tegning, kage) og tager den med til samværet.",
                "{navn} er usikker på, hvad {han} skal tale med {foraelder} om.",
                "Forberedelse i fællesskab, idéliste til samtaleemner, tilbagemelding bagefter.",
            ),
        ),
        good=(
            "Kom hjem fra samvær hos {foraelder} i godt humør og fortalte om weekenden. Rolig aften bagefter.",
            "Telefonsamtalen med {foraelder} forløb fint, og {navn} afsluttede den selv efter 15 minutter.",
            "{navn} havde bagt boller til {foraelder} og glædede sig til samværet i morgen.",
        ),
        mid=(
            "Samværet gik godt ifølge {foraelder}, men {navn} var stille og lidt ked af det, da {han} kom hjem.",
            "Telefonsamtalen blev kort; {navn} var skuffet, fordi {foraelder} ikke kunne komme på lørdag.",
            "Lidt uro aftenen før samværet; vi talte om, hvad {navn} glæder sig til og er bekymret for.",
        ),
        hard=(
            "Samværet blev aflyst af {foraelder} i sidste øjeblik. {navn} blev meget ked af det og var vred resten af dagen.",
            "{navn} kom hjem fra samvær og ville ikke tale med nogen. Smed med tøjet på værelset.",
            "Telefonsamtalen endte i skænderi, og {navn} smed telefonen. Vi talte om det efter aftensmaden.",
        ),
        hours=((10, 20),),
    ),
    Theme(
        key="selvstaendighed",
        area="children",
        domain="andre_forhold",
        label="selvstændighed og madlavning",
        goals=(
            "{navn} kan med guidning lave et enkelt aftensmåltid til sig selv og én anden én gang om ugen.",
            "{navn} tager selv bussen til {sted} og hjem igen og kan klare små ændringer undervejs.",
        ),
        maintenance="{navn} fastholder sine færdigheder i køkkenet og laver mad én gang om ugen.",
        sub_goals=(
            (
                "{navn} står for madlavning med en voksen hver torsdag og vælger selv retten fra billedkogebogen.",
                "{navn} er på vej mod mere selvstændighed og har lyst til at lære at lave mad.",
                "Billedkogebog, fast voksen; {navn} står selv for indkøbslisten og oprydningen.",
            ),
            (
                "{navn} skærer selv grøntsager og bruger komfuret sikkert under opsyn.",
                "Sikkerheden i køkkenet skal være på plads, før {navn} kan lave mad mere selvstændigt.",
                "Trin-for-trin-kort; den voksne viser først og lader {navn} gøre det bagefter.",
            ),
            (
                "{navn} tager bussen til {sted} med en voksen, der sidder længere nede i bussen.",
                "{navn} vil gerne kunne tage til {aktivitet} på egen hånd.",
                "Gradvis træning: følges hele vejen, følges halvvejs, alene med opkald ved ankomst.",
            ),
        ),
        good=(
            "Madlavning i dag: {navn} lavede {ret} næsten selv og dækkede bord til hele huset. Meget stolt.",
            "{navn} havde selv skrevet indkøbslisten til {ret} og huskede alt i butikken.",
            "Tog bussen til {sted} alene og ringede, da {han} var fremme, som aftalt.",
        ),
        mid=(
            "Madlavningen gik fint, men {navn} skulle have hjælp til at holde øje med tiden, så {ret} blev lidt brændt.",
            "{navn} ville gerne lave {ret}, men mistede tålmodigheden undervejs. Vi gjorde det færdigt sammen.",
            "Bussen var forsinket, og {navn} ringede lidt usikker, men klarede turen.",
        ),
        hard=(
            "{navn} ville ikke være med til madlavning i dag og gik fra køkkenet efter fem minutter.",
            "Blev frustreret over opskriften på {ret} og smed grøntsagerne ud. Vi lavede noget enklere.",
            "Turen til {sted} blev opgivet; {navn} blev utryg ved stoppestedet og ville hjem.",
        ),
        hours=((15, 19),),
    ),
)


ADULT_THEMES: tuple[Theme, ...] = (
    Theme(
        key="madlavning",
        area="adults",
        domain="Lave mad",
        label="madlavning",
        goals=(
            "{navn} laver selv aftensmad i egen lejlighed tre dage om ugen efter ugens madplan, med støtte til indkøbslisten.",
            "{navn} tilbereder et varmt måltid fra bunden to gange om ugen med højst mundtlig guidning.",
        ),
        maintenance="{navn} fastholder at lave sin egen aftensmad flere gange om ugen.",
        sub_goals=(
            (
                "{navn} lægger madplan for ugen sammen med kontaktpersonen hver søndag.",
                "Uden plan ender {navn} med færdigretter og chips, og pengene slår ikke til.",
                "Fast planlægningsmøde, billedmadplan på køleskabet, enkle retter {navn} selv har valgt.",
            ),
            (
                "{navn} laver en ret efter opskrift på tablet med personalet i nærheden.",
                "{navn} har færdighederne, men mangler overblik over rækkefølgen.",
                "Opskrifter med billeder trin for trin; personalet går til og fra og roser det, der lykkes.",
            ),
            (
                "{navn} rydder op og vasker op efter madlavningen samme aften.",
                "Opvasken hober sig op og giver gener for naboerne.",
                "Tydelig rækkefølge: spise, rydde af, vaske op; personalet tjekker næste morgen.",
            ),
        ),
        good=(
            "Madlavning med {navn}: lavede {ret} efter opskriften på tabletten uden hjælp og spiste sammen med naboen.",
            "{navn} havde selv handlet ind og fulgte madplanen. Køkkenet var ryddet op, da jeg kom forbi kl. 19.",
            "Stolt af sin {ret} og spurgte, om vi kan lave den i fælleshuset på fredag.",
        ),
        mid=(
            "{navn} gik i gang med {ret}, men skulle have hjælp til at få kartofler og kød færdigt samtidig.",
            "Madplanen holdt i dag, men opvasken står til i morgen. Vi aftalte et tidspunkt.",
            "{navn} valgte en færdigret i stedet for den planlagte {ret}, men lavede selv salat til.",
        ),
        hard=(
            "{navn} havde ikke spist aftensmad kl. 19 og sagde, at madlavning er for uoverskueligt i dag. Vi lavede en sandwich sammen.",
            "Køleskabet var næsten tomt, og madplanen er ikke fulgt hele ugen.",
            "Meget lav energi; {navn} afviste at lave mad og spiste kun chips.",
        ),
        hours=((15, 19),),
        related=("Igangsætning og motivation", "Kost", "Organisering og planlægning"),
    ),
    Theme(
        key="hygiejne_voksen",
        area="adults",
        domain="Vaske sig",
        label="personlig hygiejne",
        goals=(
            "{navn} går i bad og skifter tøj mindst hver anden dag uden påmindelse fra personalet.",
            "{navn} klarer morgenhygiejnen (bad, barbering og tandbørstning) selv efter sit billedskema.",
        ),
        maintenance="{navn} fastholder sin daglige hygiejne med badeskemaet som støtte.",
        sub_goals=(
            (
                "{navn} følger badeskemaet på badeværelset mandag, onsdag, fredag og søndag.",
                "{navn} glemmer badet, når dagen ikke har faste rammer.",
                "Skema med afkrydsning, påmindelse på telefonen; personalet spørger ikke, men roser bagefter.",
            ),
            (
                "{navn} lægger rent tøj frem aftenen før.",
                "Tøjet skiftes sjældent, og det påvirker kontakten til de andre beboere.",
                "Fast aftenrutine; personalet hjælper den første tid, derefter kun et tjek.",
            ),
        ),
        good=(
            "{navn} havde været i bad og barberet sig, da jeg kom forbi kl. 9. Hygiejnen ser fin ud i denne periode.",
            "Rent tøj og friskvasket hår; {navn} havde selv krydset af på badeskemaet.",
            "{navn} fortalte, at {han} selv havde husket badet både i går og i dag.",
        ),
        mid=(
            "Bad efter én påmindelse på telefonen; tøjet var ikke skiftet.",
            "{navn} gik i bad, men sprang barberingen over og sagde, at {han} ikke gad i dag.",
        ),
        hard=(
            "Intet bad i flere dage. {navn} afviste at tale om hygiejne og lukkede døren.",
            "Tydelig lugt i lejligheden og af tøjet. Vi aftalte, at jeg kommer forbi i morgen og hjælper med vasketøjet.",
            "{navn} ville ikke i bad og blev irriteret over påmindelsen. Vi prøver en anden tilgang.",
        ),
        hours=((8, 11), (18, 21)),
        related=("Igangsætning og motivation", "Hukommelse"),
    ),
    Theme(
        key="medicin",
        area="adults",
        domain="Varetage egen sundhed",
        label="medicin og sundhed",
        goals=(
            "{navn} tager selv sin medicin fra doseringsæsken morgen og aften og giver personalet besked, hvis en dosis er glemt.",
            "{navn} bestiller og møder selv op til læge- og tandlægetider med støtte til at huske aftalerne.",
        ),
        maintenance="{navn} fastholder at tage sin medicin selvstændigt efter doseringsæsken.",
        sub_goals=(
            (
                "{navn} tager morgenmedicinen kl. 8 ved alarmen på telefonen.",
                "Glemt medicin har tidligere ført til forværring og indlæggelse.",
                "Alarm på telefonen, doseringsæske på køkkenbordet; personalet tjekker æsken to gange om ugen.",
            ),
            (
                "{navn} skriver lægeaftaler ind i sin kalender og får dem bekræftet af personalet.",
                "Aftaler bliver glemt, og {navn} mister behandling.",
                "Fælles kalender, sms-påmindelse dagen før; personalet følger med de første gange.",
            ),
        ),
        good=(
            "Doseringsæsken var tømt, som den skulle, hele ugen. {navn} tog selv aftenmedicinen, mens jeg var der.",
            "{navn} havde selv ringet til lægen og bestilt tid til kontrol. Flot.",
            "Tog morgenmedicin ved alarmen og fortalte, at {han} sover bedre for tiden.",
        ),
        mid=(
            "Én glemt aftendosis i weekenden; {navn} sagde det selv, og vi talte om alarmen.",
            "{navn} huskede tandlægen, men ville have følgeskab ind i venteværelset.",
        ),
        hard=(
            "Medicinen for tre dage lå urørt i doseringsæsken. Lægen er kontaktet efter aftale med {navn}.",
            "{navn} nægtede at tage aftenmedicin og sagde, at den gør {ham} træt. Vi aftalte en snak med lægen.",
            "Udeblev fra lægeaftalen; {navn} havde glemt den og blev ked af det, da {han} opdagede det.",
        ),
        hours=((7, 10), (19, 22)),
        related=("Hukommelse", "Fysisk helbred", "Sundhedsfaglig behandling og træning"),
    ),
    Theme(
        key="indkoeb",
        area="adults",
        domain="Købe ind",
        label="indkøb",
        goals=(
            "{navn} handler selv ind i {butik} én gang om ugen efter en indkøbsliste, {han} har lavet sammen med personalet.",
            "{navn} køber ind til ugens madplan inden for sit budget uden impulskøb for mere end 50 kr.",
        ),
        maintenance="{navn} fastholder sin ugentlige indkøbstur efter indkøbslisten.",
        sub_goals=(
            (
                "{navn} skriver indkøbslisten ud fra madplanen hver fredag.",
                "Uden liste bliver indkøbet tilfældigt og for dyrt.",
                "Skabelon til indkøbsliste; personalet hjælper med at tjekke skabe og køleskab.",
            ),
            (
                "{navn} handler i butikken, mens personalet venter ved udgangen.",
                "Travle butikker gør {navn} urolig, og {han} går ofte ud uden varer.",
                "Handle på stille tidspunkter, gradvis mindre støtte, aftalt mulighed for pause.",
            ),
        ),
        good=(
            "Handlede selv i {butik} efter listen og holdt budgettet. Fik også købt frugt til hele ugen.",
            "{navn} havde skrevet indkøbslisten færdig, før jeg kom. Turen til {butik} gik uden problemer.",
            "Kom hjem fra {butik} med præcis det, der stod på listen, og viste stolt kvitteringen.",
        ),
        mid=(
            "Indkøbet lykkedes, men der kom slik og energidrik med uden for listen.",
            "{navn} glemte listen derhjemme, men huskede det meste. Vi aftalte at tage et billede af den næste gang.",
        ),
        hard=(
            "{navn} gik ud af {butik} uden varer, fordi der var for mange mennesker. Vi handlede sammen senere.",
            "Hele budgettet er brugt på tre dage; der er ikke penge til mad resten af ugen.",
            "Ville ikke handle i dag og sagde, at {han} ikke orker mennesker.",
        ),
        hours=((10, 17),),
        related=("Organisering og planlægning", "Økonomisk situation"),
    ),
    Theme(
        key="rengoering",
        area="adults",
        domain="Gøre rent",
        label="rengøring",
        goals=(
            "{navn} gør rent i egen lejlighed efter ugeskemaet (støvsuge, køkken og badeværelse) med højst én påmindelse.",
            "{navn} holder køkkenet ryddeligt, så der ikke står opvask i mere end én dag.",
        ),
        maintenance="{navn} fastholder en ren og ryddelig lejlighed efter ugeskemaet.",
        sub_goals=(
            (
                "{navn} støvsuger stue og soveværelse hver mandag.",
                "Lejligheden bliver hurtigt uoverskuelig, og {navn} mister overblikket.",
                "Ugeskema på køleskabet, fast dag; personalet tilbyder at gå i gang sammen med {ham}.",
            ),
            (
                "{navn} tømmer skraldespanden og bærer skraldet ned, hver gang posen er fuld.",
                "Skrald har givet lugtgener og klager fra naboerne.",
                "Påmindelse i kalenderen; personalet spørger ved besøget og roser, når det lykkes.",
            ),
        ),
        good=(
            "Lejligheden var støvsuget og køkkenet tørret af. {navn} havde selv fulgt ugeskemaet.",
            "{navn} viste stolt det rengjorte badeværelse frem og sagde, at det var dejligt at komme hjem til.",
            "Skraldet var båret ned, og opvasken var tom. Fin orden i lejligheden.",
        ),
        mid=(
            "Køkkenet var rent, men stuen ikke støvsuget. {navn} lovede at gøre det i morgen.",
            "Vi gjorde rent sammen; {navn} tog selv badeværelset, mens jeg hjalp med gulvet.",
        ),
        hard=(
            "Meget rodet i lejligheden og opvask fra flere dage. {navn} sagde, at {han} ikke kan overskue det.",
            "Skrald i entréen og lugt i lejligheden; {navn} ville ikke have hjælp i dag.",
            "Rengøringen blev aflyst igen. {navn} lå på sofaen og havde ingen energi.",
        ),
        hours=((9, 17),),
        related=("Igangsætning og motivation", "Organisering og planlægning"),
    ),
    Theme(
        key="oekonomi",
        area="adults",
        domain="Varetage økonomi",
        label="økonomi",
        goals=(
            "{navn} styrer selv sine ugepenge og har penge til mad hele måneden.",
            "{navn} betaler sine faste regninger til tiden i netbanken med støtte fra personalet én gang om måneden.",
        ),
        maintenance="{navn} fastholder at have penge til mad hele måneden ved hjælp af ugebudgettet.",
        sub_goals=(
            (
                "{navn} henter ugepenge hver mandag og skriver udgifterne ind i budgetskemaet.",
                "{navn} har tidligere brugt alle pengene i starten af måneden.",
                "Ugebudget i kuverter, fælles gennemgang hver mandag, ingen bebrejdelser ved fejl.",
            ),
            (
                "{navn} tjekker selv sin saldo i netbanken to gange om ugen.",
                "{navn} mister overblikket over, hvad der er tilbage.",
                "Personalet viser trinene; {navn} gør det selv og fortæller resultatet.",
            ),
        ),
        good=(
            "Ugepengene holdt hele ugen, og {navn} havde 80 kr. tilbage, som {han} satte til side til {aktivitet}.",
            "Gennemgik budgetskemaet sammen; {navn} havde selv skrevet alle udgifter ind.",
            "{navn} tjekkede saldoen i netbanken og betalte telefonregningen uden hjælp.",
        ),
        mid=(
            "Pengene slap op fredag; {navn} havde købt en gave til {foraelder_voksen}. Vi talte om at planlægge den slags.",
            "Budgetskemaet var halvt udfyldt. {navn} kunne huske de fleste udgifter.",
        ),
        hard=(
            "{navn} har brugt alle pengene på to dage og har ikke mad til weekenden. Vi har talt med værgen.",
            "Rykker for en ubetalt regning; {navn} havde ikke åbnet posten. Vi gennemgik den sammen.",
            "Stor frustration over økonomien; {navn} ville ikke se på budgettet i dag.",
        ),
        hours=((10, 16),),
        weekdays_only=True,
        related=("Økonomisk situation", "Organisering og planlægning"),
    ),
    Theme(
        key="samspil",
        area="adults",
        domain="Indgå i samspil og kontakt",
        label="samspil og social angst",
        goals=(
            "{navn} deltager i fællesspisning i fælleshuset to gange om ugen og bliver, til maden er spist.",
            "{navn} tager kontakt til personalet, når {han} har brug for hjælp, i stedet for at isolere sig i lejligheden.",
        ),
        maintenance="{navn} fastholder sin deltagelse i fællesspisningen og kontakten til de andre beboere.",
        sub_goals=(
            (
                "{navn} spiser med i fælleshuset hver tirsdag og har en fast plads for bordenden.",
                "Social angst får {navn} til at blive i lejligheden og spise alene.",
                "Fast plads, kendt personale ved bordet, mulighed for at gå, når maden er spist.",
            ),
            (
                "{navn} siger godmorgen til personalet ved morgenkaffen hver dag.",
                "{navn} isolerer sig i perioder og er svær at få kontakt med.",
                "Personalet banker på dagligt med en kop kaffe; kort og uforpligtende kontakt.",
            ),
        ),
        good=(
            "{navn} deltog i fællesspisningen og blev hele aftenen. Snakkede med en af de andre beboere om {aktivitet}.",
            "Kom selv over til morgenkaffen og fortalte om weekenden. Ingen tegn på angst i dag.",
            "{navn} bad selv om hjælp til et brev og blev siddende og snakkede bagefter.",
        ),
        mid=(
            "Spiste med i fælleshuset, men gik, så snart maden var spist. {navn} sagde, at der var for meget larm.",
            "{navn} åbnede døren, men ville ikke have besøg. Vi aftalte at ses i morgen.",
        ),
        hard=(
            "Angsten fyldte meget i dag; {navn} har ikke forladt lejligheden og ville ikke åbne for personalet.",
            "Meldte fra til fællesspisningen og sagde, at de andre kigger på {ham}. Vi talte sammen gennem døren.",
            "Konflikt med en anden beboer i fælleshuset; {navn} gik hjem og ville ikke tale om det.",
        ),
        hours=((11, 20),),
        related=("Psykosociale funktioner", "Følelser og adfærd"),
    ),
    Theme(
        key="faellesskab",
        area="adults",
        domain="Deltage i sociale fællesskaber og fritidsaktiviteter",
        label="fritid og fællesskaber",
        goals=(
            "{navn} deltager hver uge i en fritidsaktivitet uden for bostedet ({aktivitet}).",
            "{navn} deltager i mindst én fælles aktivitet på bostedet om ugen og tager selv initiativ til én aktivitet om måneden.",
        ),
        maintenance="{navn} fastholder sin ugentlige deltagelse i {aktivitet}.",
        sub_goals=(
            (
                "{navn} tager med personalet til {aktivitet} hver onsdag.",
                "{navn} har svært ved at komme afsted alene, men nyder det, når {han} er der.",
                "Fast følgeperson, aftale med stedet, snak bagefter om oplevelsen.",
            ),
            (
                "{navn} foreslår en aktivitet på husmødet én gang om måneden.",
                "{navn} deltager passivt og tager sjældent initiativ.",
                "Forberedelse før husmødet, idékort, ros for initiativet.",
            ),
        ),
        good=(
            "Var til {aktivitet} og kom glad hjem. {navn} har fået en ven på holdet, som {han} vil mødes med igen.",
            "{navn} foreslog selv på husmødet, at vi tager til {sted}. Forslaget blev vedtaget.",
            "Deltog i fællesaktiviteten i to timer og hjalp med at rydde op bagefter.",
        ),
        mid=(
            "Tog med til {aktivitet}, men holdt sig i baggrunden. Vil gerne med igen næste uge.",
            "{navn} overvejede at melde fra, men tog afsted, da personalet gik med.",
        ),
        hard=(
            "Meldte fra til {aktivitet} igen i dag; {navn} orkede ikke at være sammen med andre.",
            "Gik hjem fra fællesaktiviteten efter ti minutter og var irriteret resten af dagen.",
            "{navn} siger, at {han} ikke vil med til {aktivitet} mere. Vi taler om andre muligheder.",
        ),
        hours=((13, 21),),
        related=("Interesser", "Igangsætning og motivation"),
    ),
    Theme(
        key="netvaerk",
        area="adults",
        domain="Varetage relationer til netværk",
        label="netværk og familie",
        goals=(
            "{navn} holder selv kontakten til {foraelder_voksen} med et ugentligt opkald og et besøg om måneden.",
            "{navn} genopbygger kontakten til sin familie med et besøg hver måned, som {han} selv planlægger.",
        ),
        maintenance="{navn} fastholder den gode kontakt til {foraelder_voksen}.",
        sub_goals=(
            (
                "{navn} ringer til {foraelder_voksen} hver søndag eftermiddag.",
                "Kontakten til familien er skrøbelig og har været afbrudt i lange perioder.",
                "Fast tidspunkt; personalet hjælper med at huske og taler bagefter om samtalen.",
            ),
            (
                "{navn} planlægger et besøg hos {foraelder_voksen} med togbillet og tider.",
                "{navn} ønsker mere kontakt, men planlægningen bliver uoverskuelig.",
                "Planlægning sammen på computeren, tjekliste til turen, opkald ved ankomst.",
            ),
        ),
        good=(
            "{navn} havde talt med {foraelder_voksen} i telefonen og var glad bagefter. De har aftalt et besøg om to uger.",
            "Hjemme igen efter besøg hos {foraelder_voksen}; en god dag med kaffe og gåtur.",
            "{navn} sendte selv en fødselsdagshilsen til sin søster. Relationen til netværket styrkes.",
        ),
        mid=(
            "Ringede til {foraelder_voksen}, men samtalen var kort. {navn} var lidt skuffet.",
            "Besøget blev udskudt en uge; {navn} tog det pænt.",
        ),
        hard=(
            "{navn} har ikke villet ringe til {foraelder_voksen} i tre uger og bliver vred, når vi spørger.",
            "Konflikt i telefonen med {foraelder_voksen}; {navn} var ked af det hele aftenen.",
            "Besøget blev aflyst, og {navn} lukkede sig inde resten af dagen.",
        ),
        hours=((10, 21),),
        related=("Familiesituation", "Personer i netværk"),
    ),
    Theme(
        key="transport",
        area="adults",
        domain="Færdes med transportmidler",
        label="transport",
        goals=(
            "{navn} tager selv bussen til {sted} og hjem igen uden følge.",
            "{navn} bruger selv sit rejsekort og kan finde en anden rute, hvis bussen er aflyst.",
        ),
        maintenance="{navn} fastholder at tage bussen selvstændigt til {sted}.",
        sub_goals=(
            (
                "{navn} tager bussen til {sted}, mens personalet sidder længere nede i bussen.",
                "{navn} bliver utryg i bussen og står af for tidligt.",
                "Gradvis træning, fast rute, billedkort med stoppestederne.",
            ),
            (
                "{navn} tjekker afgangstiderne i rejseplanen på telefonen før turen.",
                "Forsinkelser og ændringer skaber uro.",
                "Øvelse i appen sammen; plan B skrevet ned på et kort i pungen.",
            ),
        ),
        good=(
            "{navn} tog bussen til {sted} alene og sendte en sms, da {han} var fremme.",
            "Bussen var aflyst, men {navn} fandt selv en anden rute i rejseplanen. Stor fremgang.",
            "Rolig tur med bussen; {navn} sad alene og hørte musik.",
        ),
        mid=(
            "Tog bussen med personalet i nærheden; {navn} spurgte flere gange til stoppestedet.",
            "Kom til {sted}, men ville gerne hentes på vejen hjem.",
        ),
        hard=(
            "{navn} stod af bussen to stop for tidligt og ringede utryg. Blev hentet.",
            "Ville ikke tage bussen i dag; sagde, at der var for mange mennesker ved stoppestedet.",
            "En forsinkelse udløste stor uro, og turen blev opgivet.",
        ),
        hours=((8, 17),),
        related=("Orienteringsevne", "Problemløsning"),
    ),
    Theme(
        key="beskaeftigelse",
        area="adults",
        domain="Varetage beskæftigelse",
        label="beskæftigelse",
        goals=(
            "{navn} møder stabilt på {arbejdssted} fire dage om ugen og holder de aftalte pauser.",
            "{navn} gennemfører et praktikforløb på {arbejdssted} i tre måneder med mindst 80 procent fremmøde.",
        ),
        maintenance="{navn} fastholder sit stabile fremmøde på {arbejdssted}.",
        sub_goals=(
            (
                "{navn} står op kl. 7 og er klar til at gå på arbejde kl. 8.15.",
                "Morgenerne er svære, og fremmødet er ustabilt.",
                "Alarm på telefonen; personalet kigger forbi kl. 7.30 de første uger; madpakken smøres aftenen før.",
            ),
            (
                "{navn} fortæller personalet om arbejdsdagen hver eftermiddag.",
                "Problemer på arbejdspladsen bliver først opdaget, når de er blevet store.",
                "Kort snak ved eftermiddagskaffen, kontakt til værkstedslederen hver fjortende dag.",
            ),
        ),
        good=(
            "Mødte på {arbejdssted} til tiden alle dage i denne uge. Værkstedslederen er tilfreds.",
            "{navn} fortalte begejstret om arbejdet på {arbejdssted} og har fået nye opgaver.",
            "Stod selv op ved alarmen og gik på arbejde med madpakke.",
        ),
        mid=(
            "Mødte ind en halv time for sent; {navn} havde sovet over sig, men tog afsted.",
            "Gik hjem fra {arbejdssted} efter frokost med hovedpine. Var tilbage dagen efter.",
        ),
        hard=(
            "{navn} meldte sig syg igen i dag og ville ikke tale om {arbejdssted}.",
            "Konflikt med en kollega på {arbejdssted}; {navn} gik hjem og siger, at {han} ikke vil tilbage.",
            "Har ikke været på arbejde i denne uge. Vi har aftalt et møde med værkstedslederen.",
        ),
        hours=((7, 16),),
        weekdays_only=True,
        related=("Uddannelse og job", "Døgnrytme"),
    ),
    Theme(
        key="post",
        area="adults",
        domain="Håndtere post",
        label="post og breve",
        goals=(
            "{navn} åbner selv sin digitale post hver uge og beder om hjælp til breve, {han} ikke forstår.",
            "{navn} sorterer selv sin post og reagerer inden for en uge på breve med en frist.",
        ),
        maintenance="{navn} fastholder at åbne sin post hver uge.",
        sub_goals=(
            (
                "{navn} åbner sin digitale post med MitID hver mandag sammen med personalet.",
                "Vigtige breve fra kommunen og sygehuset bliver ikke læst.",
                "Fast tidspunkt, trin-for-trin-vejledning; personalet læser højt efter behov.",
            ),
            (
                "{navn} lægger breve med frist i den røde mappe.",
                "Frister bliver overskredet, og {navn} får rykkere.",
                "Rød mappe på køkkenbordet, gennemgang hver mandag.",
            ),
        ),
        good=(
            "{navn} havde selv åbnet posten og lagt et brev fra kommunen i den røde mappe. Vi gennemgik det sammen.",
            "Tjekkede sin digitale post med MitID uden hjælp og fortalte om indholdet.",
            "Alle breve med frist er besvaret. {navn} har god styr på posten for tiden.",
        ),
        mid=(
            "Posten var åbnet, men {navn} havde ikke læst brevet fra sygehuset. Vi gjorde det sammen.",
            "{navn} kunne ikke huske koden til MitID-appen; vi fik den nulstillet.",
        ),
        hard=(
            "En bunke uåbnet post lå på bordet; {navn} sagde, at breve giver {ham} ondt i maven.",
            "Rykker for en ubetalt regning; {navn} havde ikke åbnet sin digitale post i en måned.",
        ),
        hours=((9, 16),),
        weekdays_only=True,
        related=("Intellektuelle funktioner", "Økonomisk situation"),
    ),
)

THEMES: tuple[Theme, ...] = CHILD_THEMES + ADULT_THEMES
