"""Dutch function words: they never become glossary terms or compound parts."""

# Articles, pronouns, auxiliaries and modals in all their forms, prepositions, conjunctions and the
# commonest adverbs: closed classes a learner meets on every line. Content words stay out of this list,
# even frequent ones (oorlog, groot), because the level filter already handles those.
STOPWORDS = frozenset(
    """
    de het een den der des 't 'n
    ik jij je u hij zij ze wij we jullie hem haar hen hun mij me mijn jou jouw uw zijn ons onze
    zich zichzelf elkaar mezelf jezelf hemzelf haarzelf onszelf
    dit dat deze die wat wie welk welke waar wanneer waarom hoe hoeveel
    er hier daar ergens nergens overal
    erop eraan erin eruit erover ervan ervoor erbij erdoor ermee erna erom ertegen ertoe
    daarop daaraan daarin daaruit daarover daarvan daarvoor daarbij daardoor daarmee daarna daarom
    hierop hieraan hierin hieruit hierover hiervan hiervoor hierbij hierdoor hiermee hierna hierom hiertoe
    waarop waaraan waarin waaruit waarover waarvan waarvoor waarbij waardoor waarmee waarna waartoe
    ben bent is zijn was waren geweest
    heb hebt heeft hebben had hadden gehad
    word wordt worden werd werden geworden
    kan kun kunt kunnen kon konden gekund
    zal zult zullen zou zouden
    moet moeten moest moesten gemoeten
    mag mogen mocht mochten gemogen
    wil wilt willen wilde wilden wou gewild
    aan af achter bij binnen boven buiten door in langs met na naar naast om onder op over per rond
    sinds te tegen tot tussen uit van via voor zonder vanuit volgens tijdens behalve wegens vanaf
    en of maar want dus omdat doordat hoewel als dan zoals toen terwijl totdat voordat nadat zodat
    indien tenzij noch zowel ofwel
    niet geen wel ook nog al toch zo nu dan even pas weer meer minder meest minst heel erg zeer veel
    weinig vaak soms altijd nooit misschien ja nee
    alle alles allen iedereen iemand niemand niets iets elk elke ieder iedere enkele sommige andere ander
    zulk zulke zelf zelfs slechts alleen ongeveer bijna
    mee toe heen
    """.split()
)
