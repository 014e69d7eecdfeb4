"""Quotes in German, French, Spanish and Italian copy: invented articles, every quote verbatim
with its speaker, the language told from the text alone."""

from __future__ import annotations

import pytest

from bot.article import Article
from bot.parse import detect_language
from bot.quotes import find_quotes, is_verbatim

NBSP = "\u00a0"

GERMAN = [
    "Die Stadt Lindenau hat am Montag einen neuen Plan für den Nahverkehr vorgestellt. Ab dem "
    "Frühjahr sollen die Busse im Zehn-Minuten-Takt fahren, auch am Wochenende und in den "
    "Abendstunden. Der Plan trägt den Namen „Takt 10“.",
    "„Wir wollen, dass niemand mehr eine halbe Stunde auf den Bus warten muss“, sagte "
    "Bürgermeisterin Anna Roth bei der Vorstellung im Rathaus.",
    "Die Kosten des Plans schätzt die Verwaltung auf rund vier Millionen Euro im Jahr. Ein Teil "
    "soll aus Landesmitteln kommen, den Rest will die Stadt über höhere Parkgebühren decken.",
    "Der Sprecher der Verkehrsbetriebe, Jonas Keller, erklärte: „Wir stellen dafür zwanzig neue "
    "Fahrerinnen und Fahrer ein.“",
    "Nicht alle sind überzeugt. »Das ist ein Versprechen, das die Stadt nicht halten kann«, "
    "sagte der Oppositionsführer Peter Brandt.",
    "Brandt verwies auf die Verspätungen im vergangenen Winter. „Damals fiel jeder dritte Bus "
    "aus“, sagte er.",
    "Roth widersprach: „Die neuen Busse sind bestellt und werden im März geliefert.“",
    "Auch die Fahrgäste sollen mitreden. Die Verkehrsbetriebe wollen im Februar an drei "
    "Abenden in den Stadtteilen über die neuen Linien informieren und Vorschläge sammeln. Wer "
    "nicht kommen kann, soll seine Fragen auf der Internetseite der Stadt stellen können.",
    "„Wir brauchen die Erfahrung der Menschen, die jeden Tag mit dem Bus fahren“, sagte "
    "Keller. Er rechnet damit, dass die Zahl der Fahrgäste im ersten Jahr um ein Fünftel "
    "steigt.",
    "Der Fahrgastverband begrüßt den Plan, fordert aber mehr Busse für die Dörfer am Stadtrand. "
    "Dort fährt bisher nur morgens und abends ein Bus, am Sonntag gar keiner.",
    "Die Vorsitzende des Verbands, Miriam Hoffmann, sagte: „Ein Takt nur für die Innenstadt "
    "ist zu wenig.“",
    "Die Händler in der Altstadt sehen die höheren Parkgebühren dagegen mit Sorge. Sie "
    "fürchten, dass Kunden aus dem Umland dann lieber in die Einkaufszentren vor der Stadt "
    "fahren, wo das Parken nichts kostet.",
    "Der Stadtrat stimmt im Mai über den Plan ab. Eine Mehrheit gilt als sicher, weil auch die "
    "Grünen und die Freien Wähler ihre Zustimmung angekündigt haben.",
]
GERMAN_QUOTES = [
    ("Wir wollen, dass niemand mehr eine halbe Stunde auf den Bus warten muss", "Anna Roth"),
    ("Wir stellen dafür zwanzig neue Fahrerinnen und Fahrer ein.", "Jonas Keller"),
    ("Das ist ein Versprechen, das die Stadt nicht halten kann", "Peter Brandt"),
    ("Damals fiel jeder dritte Bus aus", "Peter Brandt"),
    ("Die neuen Busse sind bestellt und werden im März geliefert.", "Anna Roth"),
    ("Wir brauchen die Erfahrung der Menschen, die jeden Tag mit dem Bus fahren", "Jonas Keller"),
    ("Ein Takt nur für die Innenstadt ist zu wenig.", "Miriam Hoffmann"),
]

FRENCH = [
    "La ville de Montclair a présenté lundi un plan pour rénover ses écoles primaires d'ici à "
    "2030. Les travaux concernent vingt-deux bâtiments, dont certains datent des années 1950.",
    f"«{NBSP}Chaque enfant mérite une classe chauffée et lumineuse{NBSP}», a déclaré la maire, "
    "Claire Dubois, devant le conseil municipal.",
    "Le projet coûtera environ 40 millions d'euros, selon les services de la ville. La région "
    "doit en financer un tiers, et l'État une partie des travaux d'isolation.",
    f"Le syndicat des enseignants reste prudent. «{NBSP}Nous attendons de voir les premiers "
    f"chantiers{NBSP}», explique sa secrétaire générale, Sophie Martin.",
    f"«{NBSP}Les promesses ne suffisent pas{NBSP}», a-t-elle ajouté.",
    f"Selon Claire Dubois, «{NBSP}les travaux commenceront dès l'été prochain dans trois "
    f"écoles{NBSP}».",
    f"Marc Petit, parent d'élève, a déclaré{NBSP}: «{NBSP}C'est une bonne nouvelle, mais nous "
    f"resterons vigilants.{NBSP}»",
    "Les parents d'élèves réclament depuis longtemps ces travaux. Dans plusieurs écoles du "
    "quartier nord, les fenêtres ferment mal et les salles de classe restent froides pendant "
    "tout l'hiver, au point que certains cours ont dû être déplacés l'an dernier.",
    f"«{NBSP}Nous avons mesuré douze degrés dans une classe au mois de janvier{NBSP}», a "
    "raconté Marc Petit. Il demande que ces écoles passent en premier.",
    "La ville prévoit aussi de poser des panneaux solaires sur les toits des cantines et de "
    "créer des cours d'école plus vertes, avec des arbres et moins de bitume, pour lutter "
    "contre la chaleur pendant les mois d'été.",
    f"L'adjoint chargé de l'éducation, Paul Lefèvre, a précisé{NBSP}: «{NBSP}Les élèves ne "
    f"changeront pas d'école pendant les travaux.{NBSP}»",
    "Le conseil municipal votera le budget définitif en juin, après une réunion publique "
    "prévue au mois de mai dans la salle des fêtes.",
]
FRENCH_QUOTES = [
    ("Chaque enfant mérite une classe chauffée et lumineuse", "Claire Dubois"),
    ("Nous attendons de voir les premiers chantiers", "Sophie Martin"),
    ("Les promesses ne suffisent pas", "Sophie Martin"),
    ("les travaux commenceront dès l'été prochain dans trois écoles", "Claire Dubois"),
    ("C'est une bonne nouvelle, mais nous resterons vigilants.", "Marc Petit"),
    ("Nous avons mesuré douze degrés dans une classe au mois de janvier", "Marc Petit"),
    ("Les élèves ne changeront pas d'école pendant les travaux.", "Paul Lefèvre"),
]

SPANISH = [
    "El Ayuntamiento de Valdemora aprobó el martes un plan para plantar diez mil árboles en "
    "los barrios del sur, los más calurosos de la ciudad durante el verano.",
    "«Queremos que cada calle tenga sombra en verano», dijo el alcalde, Javier Ortega, durante "
    "la presentación.",
    "La medida costará unos tres millones de euros, según el presupuesto municipal. Las obras "
    "empezarán en otoño, cuando las temperaturas bajen y la lluvia ayude a los árboles jóvenes.",
    "La portavoz de la asociación vecinal, Lucía Romero, afirmó: «Llevamos diez años pidiendo "
    "estos árboles».",
    "«Pero hace falta regarlos», añadió.",
    "Ortega respondió que el agua vendrá de la depuradora municipal. «No gastaremos ni un litro "
    "de agua potable», aseguró el alcalde.",
    "Los técnicos municipales han elegido especies que resisten bien el calor y necesitan poca "
    "agua, como el almez, la morera y el olmo. Cada árbol tendrá un sensor que avisará cuando "
    "la tierra esté demasiado seca durante los meses más duros del verano.",
    "«Un árbol bien elegido puede bajar la temperatura de una calle hasta cuatro grados», "
    "explicó la ingeniera municipal Carmen Vidal. Según sus cálculos, los primeros efectos se "
    "notarán dentro de cinco años.",
    "Los comerciantes de la zona también apoyan el plan. Muchos de ellos cierran a mediodía en "
    "julio y agosto porque casi nadie pasea por las aceras cuando aprieta el sol.",
    "El presidente de la asociación de comerciantes, Andrés Molina, declaró: «Con sombra, la "
    "gente volverá a pasear por el barrio por la tarde».",
    "La primera fase incluye las calles alrededor de los colegios y del centro de salud, "
    "donde más personas mayores y niños caminan cada día.",
    "El pleno votará el plan definitivo en diciembre y los vecinos podrán presentar "
    "alegaciones hasta el final del mes de noviembre.",
]
SPANISH_QUOTES = [
    ("Queremos que cada calle tenga sombra en verano", "Javier Ortega"),
    ("Llevamos diez años pidiendo estos árboles", "Lucía Romero"),
    ("Pero hace falta regarlos", "Lucía Romero"),
    ("No gastaremos ni un litro de agua potable", "el alcalde"),
    (
        "Un árbol bien elegido puede bajar la temperatura de una calle hasta cuatro grados",
        "Carmen Vidal",
    ),
    ("Con sombra, la gente volverá a pasear por el barrio por la tarde", "Andrés Molina"),
]

ITALIAN = [
    "Il Comune di Borgoverde ha presentato giovedì un piano per riaprire la linea ferroviaria "
    "chiusa nel 1998. I treni dovrebbero collegare il paese al capoluogo in quaranta minuti.",
    "«Il treno tornerà a fermarsi nel nostro paese entro tre anni», ha detto il sindaco Marco "
    "Bellini durante la conferenza stampa.",
    "Il progetto costerà circa 25 milioni di euro, secondo la Regione, che ne finanzierà la "
    "metà con i fondi europei per la mobilità sostenibile.",
    "Secondo Giulia Ferri, presidente dell'associazione dei pendolari, «è la notizia che "
    "aspettavamo da vent'anni».",
    "«Ora servono orari utili a chi lavora e a chi studia», ha aggiunto.",
    "Il consigliere di opposizione Luca Neri ha dichiarato: «Sono promesse già sentite in "
    "campagna elettorale.»",
    "La vecchia stazione, chiusa da più di vent'anni, sarà restaurata e ospiterà anche una "
    "biblioteca e una sala d'attesa riscaldata. I binari dovranno essere rifatti quasi del "
    "tutto, così come due ponti sul torrente che attraversa la valle.",
    "«Ogni mattina più di trecento persone prendono l'auto per andare in città», ha spiegato "
    "l'assessora ai trasporti Elena Conti. Con il treno, secondo il Comune, il traffico sulla "
    "strada provinciale potrebbe calare di un terzo.",
    "Gli abitanti delle frazioni chiedono però anche autobus che portino alla stazione, "
    "perché molte case sono lontane dal centro e le strade di montagna d'inverno sono spesso "
    "coperte di neve.",
    "Il parroco del paese, Franco Riva, ha detto: «La ferrovia può fermare la partenza dei "
    "giovani.»",
    "I lavori dovrebbero cominciare nella primavera del prossimo anno, se il ministero "
    "approverà il progetto definitivo entro l'inverno, come promesso dalla Regione.",
    "Il consiglio comunale discuterà il progetto a settembre, dopo una serie di incontri con "
    "i cittadini delle frazioni.",
]
ITALIAN_QUOTES = [
    ("Il treno tornerà a fermarsi nel nostro paese entro tre anni", "Marco Bellini"),
    ("è la notizia che aspettavamo da vent'anni", "Giulia Ferri"),
    ("Ora servono orari utili a chi lavora e a chi studia", "Giulia Ferri"),
    ("Sono promesse già sentite in campagna elettorale.", "Luca Neri"),
    ("Ogni mattina più di trecento persone prendono l'auto per andare in città", "Elena Conti"),
    ("La ferrovia può fermare la partenza dei giovani.", "Franco Riva"),
]

ARTICLES = [
    ("de", GERMAN, GERMAN_QUOTES),
    ("fr", FRENCH, FRENCH_QUOTES),
    ("es", SPANISH, SPANISH_QUOTES),
    ("it", ITALIAN, ITALIAN_QUOTES),
]


@pytest.mark.parametrize(("language", "paragraphs", "expected"), ARTICLES, ids=lambda a: a)
def test_every_quote_verbatim_with_its_speaker(language, paragraphs, expected):
    article = Article.from_paragraphs(paragraphs)  # no language tag: told from the text
    assert detect_language(article.text) == language
    quotes = find_quotes(article, limit=50)
    assert sorted((q.text, q.speaker) for q in quotes) == sorted(expected)
    assert all(is_verbatim(q.text, article) for q in quotes)


def test_swiss_guillemets_open_with_left_pointing_marks():
    article = Article.from_paragraphs(
        [
            "Der Gemeinderat von Talwil hat das neue Schulhaus am Freitag eingeweiht.",
            "«Das Haus ist für die nächsten fünfzig Jahre gebaut», sagte Gemeindepräsident "
            "Urs Baumann.",
        ]
    )
    [quote] = find_quotes(article)
    assert (quote.text, quote.speaker) == (
        "Das Haus ist für die nächsten fünfzig Jahre gebaut",
        "Urs Baumann",
    )


def test_the_page_language_tag_chooses_the_quotation_marks():
    paragraphs = ["»Wir fangen morgen an«, sagte die Sprecherin der Stadt."]
    [quote] = find_quotes(Article.from_paragraphs(paragraphs, language="de"))
    assert (quote.text, quote.speaker) == ("Wir fangen morgen an", "die Sprecherin der Stadt")
