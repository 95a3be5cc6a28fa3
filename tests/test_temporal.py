"""Table-driven tests of the French temporal finder and resolver (veille.temporal).

Each row: (sentence, published, expected_text, expected_value, expected_precision, extra).
``expected_text`` None means no temporal expression at all must be found in the sentence;
``extra`` holds further TimeValue attributes to check.
"""

from __future__ import annotations

import copy
import itertools
from datetime import date
from typing import Any

import pytest

from veille.errors import DataFileError
from veille.resources import load_yaml
from veille.temporal import find_times, french_time_grammar
from veille.temporal_rules import TIME_FILE, build_lexicon, load_time_lexicon

WED = date(2023, 2, 8)  # a Wednesday
MON = date(2022, 11, 14)  # a Monday
SAT = date(2024, 1, 6)  # a Saturday, just after new year
SUN = date(2023, 7, 2)  # a Sunday, early July

PAST = {"direction": "past"}
FUTURE = {"direction": "future"}
SINCE = {"anchor": "since"}
APPROX = {"approximate": True}
REL = {"relative": True}


def _x(*parts: dict[str, Any], **more: Any) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for part in parts:
        merged.update(part)
    merged.update(more)
    return merged


ABSOLUTE = [
    ("Le sommet s'est ouvert le 7 février 2023 à Bamako.", WED,
     "le 7 février 2023", "2023-02-07", "day", {"relative": False, "anchor": "at"}),
    ("Le texte a été signé le 1er mars 2022 par les deux parties.", WED,
     "le 1er mars 2022", "2022-03-01", "day", {}),
    ("La frontière a rouvert le 15 août 2021, selon les douanes.", WED,
     "le 15 août 2021", "2021-08-15", "day", {}),
    ("Le décret du 7/02/2023 fixe le calendrier électoral.", WED,
     "7/02/2023", "2023-02-07", "day", {"relative": False}),
    ("Le communiqué daté du 07.02.2023 évoque une attaque.", WED,
     "07.02.2023", "2023-02-07", "day", {}),
    ("Le 03/11/2022, des tirs ont été entendus à Gao.", WED,
     "Le 03/11/2022", "2022-11-03", "day", {}),
    ("Les élections sont prévues en février 2024 dans tout le pays.", WED,
     "en février 2024", "2024-02", "month", {"relative": False}),
    ("Février 2023 restera le mois le plus meurtrier de l'année.", WED,
     "Février 2023", "2023-02", "month", {}),
    ("En 2021, l'armée a quitté la base de Tessalit.", WED,
     "En 2021", "2021", "year", {"relative": False}),
    ("Le pays a connu deux coups d'État, en 2020 et en 2021.", WED,
     "en 2020", "2020", "year", {}),
    ("La mission avait été créée en l'an 2013 par le Conseil de sécurité.", WED,
     "en l'an 2013", "2013", "year", {}),
    ("Les accords d'Alger de 2015 restent la référence des négociateurs.", WED,
     "de 2015", "2015", "year", {}),
    ("Le barrage sera achevé d'ici 2030, promet le gouvernement.", WED,
     "d'ici 2030", "2030", "year", {"anchor": "until", "direction": "future"}),
    ("Le 1er mars, les partis politiques reprendront leurs activités.", WED,
     "Le 1er mars", "2023-03-01", "day", REL),
    ("Le 30 décembre, un convoi avait été attaqué près de Ménaka.", SAT,
     "Le 30 décembre", "2023-12-30", "day", REL),
    ("Le 20 janvier, le Premier ministre avait reçu les syndicats.", WED,
     "Le 20 janvier", "2023-01-20", "day", REL),
    ("Le 2 janvier, le couvre-feu a été levé dans la capitale.", SAT,
     "Le 2 janvier", "2024-01-02", "day", REL),
    ("Le 29 février, le pays avait voté une nouvelle constitution.", WED,
     "Le 29 février", "2020-02-29", "day", REL),
    ("Lundi 6 février, des renforts sont arrivés à Kidal.", WED,
     "Lundi 6 février", "2023-02-06", "day", {"warning": None}),
    ("Lundi 7 février, des renforts sont arrivés à Kidal.", WED,
     "Lundi 7 février", "2023-02-07", "day", {"warning": "lundi"}),
    ("Le sommet s'est tenu mardi 7 février 2023 à Addis-Abeba.", WED,
     "mardi 7 février 2023", "2023-02-07", "day", {"warning": None}),
    ("Le sommet s'est tenu lundi 7 février 2023 à Addis-Abeba.", WED,
     "lundi 7 février 2023", "2023-02-07", "day", {"warning": "lundi"}),
    ("Hier mardi 7 février, le ministre a reçu les syndicats.", WED,
     "Hier mardi 7 février", "2023-02-07", "day", {"warning": None}),
    ("Mi-janvier, les rebelles ont pris le contrôle de la ville.", WED,
     "Mi-janvier", "2023-01", "month", _x(APPROX, REL)),
    ("Les pourparlers reprendront mi-mars à Lomé.", WED,
     "mi-mars", "2023-03", "month", APPROX),
    ("Les pourparlers reprendront à la mi-avril à Lomé.", WED,
     "à la mi-avril", "2023-04", "month", APPROX),
    ("Fin 2022, la force Barkhane avait quitté le pays.", WED,
     "Fin 2022", "2022", "year", APPROX),
    ("Début juillet, la saison des pluies a compliqué les opérations.", SUN,
     "Début juillet", "2023-07", "month", APPROX),
    ("Les négociations ont échoué début 2021, selon un diplomate.", WED,
     "début 2021", "2021", "year", APPROX),
    ("Fin janvier 2023, la junte a suspendu les médias français.", WED,
     "Fin janvier 2023", "2023-01", "month", _x(APPROX, relative=False)),
    ("À la fin de l'année 2022, les attaques se sont multipliées.", WED,
     "À la fin de l'année 2022", "2022", "year", APPROX),
    ("Le 30 juin dernier, le Conseil de sécurité a mis fin au mandat.", WED,
     "Le 30 juin dernier", "2022-06-30", "day", _x(PAST, REL)),
    ("Le 8 février dernier, un drone a frappé un marché.", WED,
     "Le 8 février dernier", "2023-02-08", "day", PAST),
    ("Le 15 mars prochain, le référendum doit se tenir.", WED,
     "Le 15 mars prochain", "2023-03-15", "day", FUTURE),
    ("La réunion de juin a été reportée sine die.", WED,
     "de juin", "2023-06", "month", REL),
    ("Le sommet d'avril a réuni douze chefs d'État.", WED,
     "d'avril", "2023-04", "month", {}),
    ("Le sommet d’avril a réuni douze chefs d'État.", WED,
     "d’avril", "2023-04", "month", {}),
    ("Les élections de mars ont été annulées par la junte.", WED,
     "de mars", "2023-03", "month", {}),
    ("En mai, l'opposition a boycotté le scrutin.", SUN,
     "En mai", "2023-05", "month", REL),
    ("Depuis mars, les écoles sont fermées dans la région.", SUN,
     "Depuis mars", "2023-03", "month", SINCE),
    ("Le mois de septembre a été marqué par des attaques.", WED,
     "Le mois de septembre", "2022-09", "month", {}),
    ("Au mois d'août, les pluies ont fait quarante morts.", SUN,
     "Au mois d'août", "2023-08", "month", {}),
    ("Juillet prochain, les électeurs seront appelés aux urnes.", WED,
     "Juillet prochain", "2023-07", "month", _x(FUTURE, REL)),
    ("Les élections se tiendront en juillet prochain, selon la junte.", WED,
     "en juillet prochain", "2023-07", "month", FUTURE),
    ("En juillet prochain, la transition prendra fin.", SUN,
     "En juillet prochain", "2024-07", "month", FUTURE),
    ("En février dernier, le président avait limogé son Premier ministre.", WED,
     "En février dernier", "2022-02", "month", PAST),
    ("En janvier dernier, le gouvernement a dissous l'assemblée.", WED,
     "En janvier dernier", "2023-01", "month", PAST),
    ("Le 7 déc. 2022, la Cédéao a tenu un sommet extraordinaire.", WED,
     "Le 7 déc. 2022", "2022-12-07", "day", {}),
    ("Le\u00a07\u00a0février\u00a02023, l'aéroport a été fermé.", WED,
     "Le\u00a07\u00a0février\u00a02023", "2023-02-07", "day", {}),
]

RANGES = [
    ("Entre le 3 et le 5 mars, les délégués se réuniront à Niamey.", WED,
     "Entre le 3 et le 5 mars", "2023-03-03", "day",
     {"anchor": "range", "range_start": "2023-03-03", "range_end": "2023-03-05"}),
    ("Du 3 au 5 mars 2022, un forum s'est tenu à Dakar.", WED,
     "Du 3 au 5 mars 2022", "2022-03-03", "day",
     {"anchor": "range", "range_end": "2022-03-05", "relative": False}),
    ("Du 28 février au 2 mars 2023, les délégués se réuniront.", WED,
     "Du 28 février au 2 mars 2023", "2023-02-28", "day",
     {"anchor": "range", "range_end": "2023-03-02"}),
    ("Du 28 décembre au 3 janvier, la frontière restera fermée.", SAT,
     "Du 28 décembre au 3 janvier", "2023-12-28", "day",
     {"anchor": "range", "range_start": "2023-12-28", "range_end": "2024-01-03"}),
    ("Entre 2019 et 2021, plus de 2 000 civils ont été tués.", WED,
     "Entre 2019 et 2021", "2019", "year",
     {"anchor": "range", "range_start": "2019", "range_end": "2021"}),
    ("Les 3 et 4 mars, les ministres se retrouveront à Accra.", WED,
     "Les 3 et 4 mars", "2023-03-03", "day", {"anchor": "range", "range_end": "2023-03-04"}),
    ("De 2015 à 2020, la mission a perdu deux cents casques bleus.", WED,
     "De 2015 à 2020", "2015", "year", {"anchor": "range", "range_end": "2020"}),
    ("Entre janvier et mars 2022, les attaques ont doublé.", WED,
     "Entre janvier et mars 2022", "2022-01", "month",
     {"anchor": "range", "range_start": "2022-01", "range_end": "2022-03"}),
    ("De mars à mai, la saison sèche favorise les attaques.", WED,
     "De mars à mai", "2023-03", "month",
     {"anchor": "range", "range_end": "2023-05", "relative": True}),
    # decades: a span of years, approximate; "début/mi/fin" narrow it
    ("Les années 1990 ont été marquées par la rébellion touarègue.", WED,
     "Les années 1990", "1990", "year",
     {"anchor": "range", "range_end": "1999", "approximate": True}),
    ("Il a combattu l'invasion soviétique dans les années 1980.", WED,
     "dans les années 1980", "1980", "year", {"anchor": "range", "range_end": "1989"}),
    ("La famine des années 1930 a fait des millions de morts.", WED,
     "des années 1930", "1930", "year", {"range_start": "1930", "range_end": "1939"}),
    ("À la fin des années 90, la rébellion a repris au nord.", WED,
     "À la fin des années 90", "1997", "year", {"range_start": "1997", "range_end": "1999"}),
    ("Au début des années 2000, le pays a connu trois coups d'État.", WED,
     "Au début des années 2000", "2000", "year", {"range_end": "2003", "approximate": True}),
]

RELATIVE_DAYS = [
    ("Hier, l'armée a annoncé avoir neutralisé 63 terroristes.", WED,
     "Hier", "2023-02-07", "day", _x(REL, PAST)),
    ("Hier mardi, le ministre a reçu l'ambassadeur de France.", WED,
     "Hier mardi", "2023-02-07", "day", {"warning": None}),
    ("Hier, mardi, le ministre a reçu l'ambassadeur de France.", WED,
     "Hier, mardi", "2023-02-07", "day", {"warning": None}),
    ("Hier lundi, le ministre a reçu l'ambassadeur de France.", WED,
     "Hier lundi", "2023-02-07", "day", {"warning": "lundi"}),
    ("Avant-hier, une patrouille est tombée dans une embuscade.", WED,
     "Avant-hier", "2023-02-06", "day", PAST),
    ("Avant-hier soir, des coups de feu ont retenti à Niamey.", WED,
     "Avant-hier soir", "2023-02-06", "day", {}),
    ("Aujourd'hui, le pays célèbre la fête de l'indépendance.", WED,
     "Aujourd'hui", "2023-02-08", "day", _x(REL, direction=None)),
    ("Aujourd’hui, les enseignants sont en grève.", WED,
     "Aujourd’hui", "2023-02-08", "day", {}),
    ("Demain, la délégation se rendra à Ouagadougou.", WED,
     "Demain", "2023-02-09", "day", FUTURE),
    ("Hier soir, un couvre-feu a été décrété à Bamako.", WED,
     "Hier soir", "2023-02-07", "day", {}),
    ("Ce matin, les manifestants se sont rassemblés devant le palais.", WED,
     "Ce matin", "2023-02-08", "day", REL),
    ("Ce soir, le président s'adressera à la nation.", WED,
     "Ce soir", "2023-02-08", "day", {}),
    ("Cette nuit, des tirs ont été entendus près du camp militaire.", WED,
     "Cette nuit", "2023-02-08", "day", {}),
    ("La nuit dernière, un poste de police a été incendié.", WED,
     "La nuit dernière", "2023-02-07", "day", PAST),
    ("Cet après-midi, le Parlement examinera le projet de loi.", WED,
     "Cet après-midi", "2023-02-08", "day", {}),
    ("Demain matin, les ministres se réuniront en conseil.", WED,
     "Demain matin", "2023-02-09", "day", {}),
]

WEEKDAYS = [
    ("Mardi, l'armée a repris le contrôle de la localité.", WED,
     "Mardi", "2023-02-07", "day", _x(REL, direction=None)),
    ("Mercredi, le gouvernement a démenti ces informations.", WED,
     "Mercredi", "2023-02-08", "day", {}),
    ("Le président a annoncé jeudi la dissolution du gouvernement.", WED,
     "jeudi", "2023-02-02", "day", {}),
    ("Ce mardi, les syndicats ont appelé à la grève générale.", WED,
     "Ce mardi", "2023-02-07", "day", {}),
    ("Mardi dernier, un attentat a frappé la capitale.", WED,
     "Mardi dernier", "2023-02-07", "day", PAST),
    ("Mercredi dernier, un attentat a frappé la capitale.", WED,
     "Mercredi dernier", "2023-02-01", "day", PAST),
    ("Samedi prochain, les électeurs se rendront aux urnes.", WED,
     "Samedi prochain", "2023-02-11", "day", FUTURE),
    ("Mercredi prochain, le procès reprendra à Ouagadougou.", WED,
     "Mercredi prochain", "2023-02-15", "day", FUTURE),
    ("Jeudi soir, une explosion a secoué le centre-ville.", WED,
     "Jeudi soir", "2023-02-02", "day", {}),
    ("Dimanche, des milliers de personnes ont manifesté.", MON,
     "Dimanche", "2022-11-13", "day", {}),
    ("Lundi, le ministre de la Justice a démissionné.", MON,
     "Lundi", "2022-11-14", "day", {}),
    ("Samedi matin, un bus a sauté sur une mine.", SAT,
     "Samedi matin", "2024-01-06", "day", {}),
    # a weekday with its day number and no month: the nearest such day that is that weekday
    ("Ce mardi 14, le gouvernement a décrété un deuil national.", WED,
     "Ce mardi 14", "2023-02-14", "day", REL),
    ("Le vendredi 3, l'armée a repris le contrôle de la ville.", WED,
     "vendredi 3", "2023-02-03", "day", {}),
    ("Les cours reprendront du lundi 13 jusqu'au vendredi 17 février.", WED,
     "lundi 13", "2023-02-13", "day", {}),
    # ... but a number that counts something is no day
    ("Mardi 14 soldats ont été tués dans une embuscade.", WED,
     "Mardi", "2023-02-07", "day", {}),
]

PERIODS = [
    ("La semaine dernière, le ministre a été reçu à Paris.", WED,
     "La semaine dernière", "2023-02-01", "day",
     _x(APPROX, PAST, range_start="2023-01-30", range_end="2023-02-05")),
    ("La semaine passée, deux journalistes ont été libérés.", MON,
     "La semaine passée", "2022-11-07", "day",
     _x(APPROX, range_start="2022-11-07", range_end="2022-11-13")),
    ("La semaine prochaine, une délégation se rendra à Abuja.", WED,
     "La semaine prochaine", "2023-02-15", "day",
     _x(APPROX, FUTURE, range_start="2023-02-13", range_end="2023-02-19")),
    ("Cette semaine, les cours ont repris dans la capitale.", WED,
     "Cette semaine", "2023-02-08", "day",
     _x(APPROX, range_start="2023-02-06", range_end="2023-02-12")),
    ("Le mois dernier, les prix du carburant ont augmenté.", WED,
     "Le mois dernier", "2023-01", "month", _x(REL, PAST)),
    ("Le mois passé, trois soldats ont été tués dans une embuscade.", SAT,
     "Le mois passé", "2023-12", "month", {}),
    ("Le mois prochain, le président se rendra à Moscou.", WED,
     "Le mois prochain", "2023-03", "month", FUTURE),
    ("Ce mois-ci, la production agricole a chuté.", WED,
     "Ce mois-ci", "2023-02", "month", {}),
    ("L'an dernier, le pays a accueilli 300 000 réfugiés.", WED,
     "L'an dernier", "2022", "year", PAST),
    ("L'année dernière, la junte a expulsé l'ambassadeur.", SAT,
     "L'année dernière", "2023", "year", {}),
    ("L’an passé, la mission a été prolongée de six mois.", WED,
     "L’an passé", "2022", "year", {}),
    ("L'année prochaine, le pays présidera l'organisation.", WED,
     "L'année prochaine", "2024", "year", FUTURE),
    ("Cette année, le budget de la défense a doublé.", WED,
     "Cette année", "2023", "year", REL),
    ("Le week-end dernier, des combats ont opposé l'armée aux rebelles.", WED,
     "Le week-end dernier", "2023-02-04", "day",
     _x(APPROX, PAST, range_start="2023-02-04", range_end="2023-02-05")),
    ("Le week-end dernier, des combats ont éclaté dans le nord.", MON,
     "Le week-end dernier", "2022-11-12", "day", {"range_end": "2022-11-13"}),
    ("Le weekend dernier, des combats ont éclaté dans le nord.", SUN,
     "Le weekend dernier", "2023-06-24", "day", {"range_end": "2023-06-25"}),
    ("Ce week-end, des manifestations sont prévues à Conakry.", WED,
     "Ce week-end", "2023-02-11", "day", {"range_end": "2023-02-12"}),
    ("Le week-end prochain, le pape se rendra à Kinshasa.", WED,
     "Le week-end prochain", "2023-02-11", "day", FUTURE),
    ("À la fin du mois dernier, l'armée a lancé une offensive.", WED,
     "À la fin du mois dernier", "2023-01", "month", APPROX),
    ("La constitution sera adoptée d'ici la fin de l'année, selon la junte.", WED,
     "d'ici la fin de l'année", "2023", "year", _x(APPROX, anchor="until")),
    ("Un nouveau gouvernement sera nommé en fin d'année.", SAT,
     "fin d'année", "2024", "year", APPROX),
    ("Fin du mois, les fonctionnaires seront payés avec retard.", WED,
     "Fin du mois", "2023-02", "month", APPROX),
    ("Au début de l'année prochaine, le pays organisera des élections.", WED,
     "Au début de l'année prochaine", "2024", "year", _x(APPROX, FUTURE)),
]

DURATIONS = [
    ("Il y a trois jours, des hommes armés ont attaqué un poste.", WED,
     "Il y a trois jours", "2023-02-05", "day", _x(PAST, REL, approximate=False)),
    ("Il y a 10 jours, le chef du village a été enlevé.", WED,
     "Il y a 10 jours", "2023-01-29", "day", {}),
    ("Il y a deux semaines, le gouvernement a annoncé un couvre-feu.", WED,
     "Il y a deux semaines", "2023-01-25", "day", _x(APPROX, PAST)),
    ("Il y a une semaine, l'opposant a été arrêté à son domicile.", WED,
     "Il y a une semaine", "2023-02-01", "day", APPROX),
    ("Il y a deux ans, l'armée prenait le pouvoir par la force.", WED,
     "Il y a deux ans", "2021", "year", PAST),
    ("Il y a un an, la force Barkhane quittait le Mali.", WED,
     "Il y a un an", "2022", "year", {}),
    ("Il y a six mois, le pays a rompu avec son ancien allié.", WED,
     "Il y a six mois", "2022-08", "month", {}),
    ("Il y a plus d'un an, le journaliste a été enlevé.", WED,
     "Il y a plus d'un an", "2022", "year", APPROX),
    ("Il y a quelques jours, un drone a survolé la base.", WED,
     "Il y a quelques jours", "2023-02-05", "day", APPROX),
    ("Il y a 48 heures, un convoi a été attaqué sur l'axe Gao-Ansongo.", WED,
     "Il y a 48 heures", "2023-02-06", "day", APPROX),
    ("Il y a vingt-quatre heures, la ville est tombée aux mains des rebelles.", WED,
     "Il y a vingt-quatre heures", "2023-02-07", "day", APPROX),
    ("Dans deux semaines, les troupes commenceront à se retirer.", WED,
     "Dans deux semaines", "2023-02-22", "day", _x(APPROX, FUTURE)),
    ("Dans trois jours, les bureaux de vote seront ouverts.", WED,
     "Dans trois jours", "2023-02-11", "day", _x(FUTURE, approximate=False)),
    ("Dans un an, le pays devra organiser des élections.", WED,
     "Dans un an", "2024", "year", FUTURE),
    ("Dans une quinzaine de jours, les résultats seront publiés.", WED,
     "Dans une quinzaine de jours", "2023-02-23", "day", APPROX),
    ("Le pays est dirigé par une junte depuis bientôt deux ans.", WED,
     "depuis bientôt deux ans", "2021", "year", _x(SINCE, APPROX, REL)),
    ("Le pays vit sous état d'urgence depuis près de deux ans.", WED,
     "depuis près de deux ans", "2021", "year", _x(SINCE, APPROX)),
    ("Les enseignants sont en grève depuis deux ans.", SAT,
     "depuis deux ans", "2022", "year", _x(SINCE, APPROX)),
    ("Depuis trois mois, les salaires ne sont plus versés.", WED,
     "Depuis trois mois", "2022-11", "month", _x(SINCE, APPROX)),
    ("Le camp est assiégé depuis une dizaine de jours.", WED,
     "depuis une dizaine de jours", "2023-01-29", "day", _x(SINCE, APPROX)),
    ("Cela fait un an que les écoles sont fermées.", WED,
     "Cela fait un an", "2022", "year", SINCE),
    ("Le pays est en crise depuis plus d'une décennie.", WED,
     "depuis plus d'une décennie", "2013", "year", _x(SINCE, APPROX)),
]

ANCHORS = [
    ("Depuis 2021, la junte dirige le pays d'une main de fer.", WED,
     "Depuis 2021", "2021", "year", _x(SINCE, relative=False)),
    ("Le pays est suspendu de l'organisation depuis 2020.", WED,
     "depuis 2020", "2020", "year", SINCE),
    ("Depuis le 3 mars, les frontières sont fermées.", SUN,
     "Depuis le 3 mars", "2023-03-03", "day", SINCE),
    ("Les frontières sont fermées depuis le 3 mars 2022.", WED,
     "depuis le 3 mars 2022", "2022-03-03", "day", SINCE),
    ("Depuis hier, la circulation est interrompue sur la route nationale.", WED,
     "Depuis hier", "2023-02-07", "day", SINCE),
    ("Depuis lundi, les commerces restent fermés.", WED,
     "Depuis lundi", "2023-02-06", "day", SINCE),
    ("Le couvre-feu est prolongé jusqu'au 15 mars.", WED,
     "jusqu'au 15 mars", "2023-03-15", "day", {"anchor": "until"}),
    ("Le mandat court jusqu'en 2025, selon la charte.", WED,
     "jusqu'en 2025", "2025", "year", {"anchor": "until"}),
    ("À partir du 1er avril, les visas seront payants.", WED,
     "À partir du 1er avril", "2023-04-01", "day", SINCE),
    # what has gone on "depuis" a yearless month began before publication (8 February 2023)
    ("L'armée pourchasse les rebelles depuis novembre dans la région.", WED,
     "depuis novembre", "2022-11", "month", SINCE),
    ("Depuis le 20 mars, la frontière est fermée.", WED,
     "Depuis le 20 mars", "2022-03-20", "day", SINCE),
    ("Dès 2019, les premiers groupes armés sont apparus dans la zone.", WED,
     "Dès 2019", "2019", "year", SINCE),
    ("Depuis la semaine dernière, l'électricité est coupée.", WED,
     "Depuis la semaine dernière", "2023-02-01", "day", SINCE),
    ("Depuis le coup d'État d'août 2020, la junte gouverne.", WED,
     "d'août 2020", "2020-08", "month", {"anchor": "at"}),
    ("Depuis fin 2021, l'armée a changé de partenaires.", WED,
     "Depuis fin 2021", "2021", "year", _x(SINCE, APPROX)),
]

NIGHTS_AND_RECENT = [
    ("Dans la nuit de samedi à dimanche, une attaque a visé un camp.", WED,
     "Dans la nuit de samedi à dimanche", "2023-02-04", "day", REL),
    ("Dans la nuit de dimanche à lundi, des tirs ont été entendus.", MON,
     "Dans la nuit de dimanche à lundi", "2022-11-13", "day", {}),
    ("Dans la nuit du 3 au 4 février, un village a été incendié.", WED,
     "Dans la nuit du 3 au 4 février", "2023-02-03", "day", {}),
    ("Dans la nuit de mardi, un dépôt d'armes a explosé.", WED,
     "Dans la nuit de mardi", "2023-02-07", "day", {}),
    ("Au cours des dernières 24 heures, dix attaques ont été recensées.", WED,
     "Au cours des dernières 24 heures", "2023-02-08", "day", _x(APPROX, PAST)),
    ("Ces dernières 24 heures, la situation s'est dégradée.", WED,
     "Ces dernières 24 heures", "2023-02-08", "day", APPROX),
    ("Au cours des 48 dernières heures, la ville a été bombardée.", WED,
     "Au cours des 48 dernières heures", "2023-02-08", "day", APPROX),
    ("Ces derniers jours, la tension est montée à la frontière.", WED,
     "Ces derniers jours", "2023-02-08", "day", APPROX),
]

NO_PUBLICATION_DATE = [
    ("Hier mardi, le ministre a reçu l'ambassadeur.", None,
     "Hier mardi", None, None, REL),
    ("Mardi, l'armée a repris le contrôle de la localité.", None,
     "Mardi", None, None, REL),
    ("Les élections auront lieu en juillet prochain.", None,
     "en juillet prochain", None, None, _x(REL, FUTURE)),
    ("Le 1er mars, les partis reprendront leurs activités.", None,
     "Le 1er mars", None, None, REL),
    ("Le pays est en crise depuis deux ans.", None,
     "depuis deux ans", None, None, _x(REL, SINCE)),
    ("Le sommet s'est tenu le 7 février 2023 à Bamako.", None,
     "le 7 février 2023", "2023-02-07", "day", {"relative": False}),
    ("En 2021, l'armée a quitté la base.", None,
     "En 2021", "2021", "year", {}),
    ("Il y a trois jours, des hommes armés ont attaqué un poste.", None,
     "Il y a trois jours", None, None, _x(REL, PAST)),
    ("La semaine dernière, le ministre a été reçu à Paris.", None,
     "La semaine dernière", None, None, REL),
    ("Du 3 au 5 mars 2022, un forum s'est tenu à Dakar.", None,
     "Du 3 au 5 mars 2022", "2022-03-03", "day", {"range_end": "2022-03-05"}),
    ("Entre le 3 et le 5 mars, les délégués se réuniront.", None,
     "Entre le 3 et le 5 mars", None, None, {"anchor": "range", "range_start": None}),
    ("Le 7/02/2023, une attaque a visé Bamako.", None,
     "Le 7/02/2023", "2023-02-07", "day", {}),
    ("Mi-janvier, les rebelles ont pris la ville.", None,
     "Mi-janvier", None, None, APPROX),
    ("Depuis le 3 mars, les frontières sont fermées.", None,
     "Depuis le 3 mars", None, None, SINCE),
    ("Au cours des dernières 24 heures, dix attaques ont été recensées.", None,
     "Au cours des dernières 24 heures", None, None, REL),
]

NOTHING = [
    ("Le ministre a rencontré sa délégation et des chefs coutumiers.", WED),
    ("Le colonel a été reçu par le président de la transition.", WED),
    ("L'armée a neutralisé 63 terroristes lors d'une opération.", WED),
    ("La ville est restée sans électricité pendant 24 heures.", WED),
    ("Les combats ont duré trois jours dans la région de Mopti.", WED),
    ("Le rassemblement a débuté à 14 h 30 devant la mairie.", WED),
    ("L'équipe nationale s'est imposée 2-1 face au Ghana.", WED),
    ("Les pays du G5 Sahel ont évoqué l'Agenda 2063 et la lutte contre le Covid-19.", WED),
    ("Une colonne de 2000 soldats a quitté Gao à l'aube.", WED),
    ("Le robot de la Nasa explore la surface de Mars depuis des années.", WED),
    ("Le défilé militaire a eu lieu sur le Champ-de-Mars, à Paris.", WED),
    ("Dans son poème, le mars des paysans reste froid et sec.", WED),
    ("Mai Lan a chanté pour les réfugiés du camp de Mentao.", WED),
    ("Les soldats ont été déployés dans deux régions du nord.", WED),
    ("La mission compte 12 000 casques bleus depuis sa création.", WED),
    ("Le bilan fait état de 1 500 morts et 2 000 blessés.", WED),
    ("Il a été élu avec 2021 voix d'avance sur son rival.", WED),
    ("Le convoi de 2020 véhicules a été bloqué à la frontière.", WED),
    ("Une trêve de sept jours a été conclue entre les belligérants.", WED),
    ("Le ministre des Affaires étrangères a été reçu à l'Élysée.", WED),
    ("Les derniers jours de la campagne ont été tendus.", WED),
    ("Il a été libéré après deux semaines de détention.", WED),
    ("L'année a été difficile et le mois s'annonce pire.", WED),
    ("Les années de guerre ont laissé des traces.", WED),
    # counted from another event, not from a date
    ("Quelques jours après que le président a parlé, un ministre s'est rendu à Gao.", WED),
    # the eve of an event is no date
    ("À la veille des élections, la tension monte à Bamako.", WED),
]

# Dates told from the text's previous date, not from the publication date.
SEQUELS = [
    ("La Mauritanie a reconnu Israël en 1999 et a rompu les liens dix ans plus tard.", WED,
     "dix ans plus tard", "2009", "year", _x(REL, direction=None)),
    # the period of the date before: alone, or completing a month
    ("Le coup d'État a eu lieu en 2012. La même année, la France est intervenue.", WED,
     "La même année", "2012", "year", REL),
    ("Il a été arrêté en mars 2017. En juillet de la même année, il a été condamné.", WED,
     "En juillet de la même année", "2017-07", "month", REL),
    ("L'attaque a eu lieu le 3 mars 2021. Le même jour, l'armée a riposté.", WED,
     "Le même jour", "2021-03-03", "day", REL),
    ("Il a quitté l'armée en 1969. Une décennie plus tard, il a pris le pouvoir.", WED,
     "Une décennie plus tard", "1979", "year", REL),
    ("L'attaque a eu lieu le 12 mars 2022. Le lendemain, l'armée a riposté.", WED,
     "Le lendemain", "2022-03-13", "day", REL),
    ("Les élections se sont tenues le 3 juin 2021 ; la veille, un candidat a été arrêté.", WED,
     "la veille", "2021-06-02", "day", REL),
    ("Le sommet s'est tenu en juillet 2021. Le mois suivant, les ministres se sont revus.", WED,
     "Le mois suivant", "2021-08", "month", REL),
    ("Il a été arrêté en 2017 et libéré deux ans après.", WED, "deux ans après", "2019", "year",
     REL),
    ("Le cessez-le-feu a été signé le 5 mai 2020, trois jours plus tôt que prévu.", WED,
     "trois jours plus tôt", "2020-05-02", "day", REL),
    ("L'accord a été signé en 2015 ; l'année suivante, les combats ont repris.", WED,
     "l'année suivante", "2016", "year", REL),
    # nothing before to count from: the expression stays, unresolved
    ("Le lendemain, l'armée a riposté.", WED, "Le lendemain", None, None, REL),
    # a day counted from a year cannot be resolved
    ("En 2019, des combats ont éclaté. Le lendemain, l'armée a riposté.", WED,
     "Le lendemain", None, None, REL),
]

ROWS = (ABSOLUTE + RANGES + RELATIVE_DAYS + WEEKDAYS + PERIODS + DURATIONS + ANCHORS
        + NIGHTS_AND_RECENT + NO_PUBLICATION_DATE + SEQUELS
        + [(sentence, published, None, None, None, {}) for sentence, published in NOTHING])


def _row_id(row: tuple[Any, ...]) -> str:
    return f"{row[2] or 'nothing'}|{row[0][:30]}"


@pytest.mark.parametrize(
    ("sentence", "published", "expected_text", "expected_value", "expected_precision", "extra"),
    ROWS, ids=[_row_id(r) for r in ROWS])
def test_find_times(sentence: str, published: date | None, expected_text: str | None,
                    expected_value: str | None, expected_precision: str | None,
                    extra: dict[str, Any]) -> None:
    times = find_times(sentence, published)
    for tv in times:
        assert sentence[tv.start:tv.end] == tv.text
    if expected_text is None:
        assert times == [], [t.text for t in times]
        return
    matching = [t for t in times if t.text == expected_text]
    assert matching, f"{expected_text!r} not in {[t.text for t in times]}"
    tv = matching[0]
    assert (tv.value, tv.precision) == (expected_value, expected_precision)
    for key, expected in extra.items():
        actual = getattr(tv, key)
        if key == "warning" and expected is not None:
            assert actual is not None and expected in actual
        else:
            assert actual == expected, key


def test_table_is_large_enough() -> None:
    assert len(ROWS) >= 130


def test_several_expressions_in_order_without_overlap() -> None:
    text = ("Hier mardi, l'armée a repris Ménaka, perdue le 30 juin dernier. Les élections, "
            "prévues en juillet prochain, sont attendues depuis 2021.")
    times = find_times(text, WED)
    assert [t.text for t in times] == [
        "Hier mardi", "le 30 juin dernier", "en juillet prochain", "depuis 2021"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(times))
    assert [t.value for t in times] == ["2023-02-07", "2022-06-30", "2023-07", "2021"]


def test_offsets_point_into_text_with_title() -> None:
    body = "Attaque à Gao\n\nHier soir, un convoi a été attaqué."
    [tv] = find_times(body, WED)
    assert body[tv.start:tv.end] == "Hier soir"
    assert tv.start == body.index("Hier")


def test_title_does_not_run_into_text() -> None:
    # A paragraph break is not a space: the year below starts the text, not the title.
    body = "La junte promet des élections en\n\n2025 sera une année décisive."
    assert find_times(body, WED) == []


def test_grammar_is_built_once() -> None:
    assert french_time_grammar() is french_time_grammar()


def test_data_file_validates() -> None:
    lex = load_time_lexicon()
    assert lex.months["février"] == 2
    assert lex.months["janv"] == 1
    assert lex.weekdays["dimanche"] == 6
    assert lex.day_words["avant hier"] == -2
    assert lex.number("vingt-quatre") == 24
    assert lex.number("trente et un") == 31
    assert lex.number("une dizaine de") == 10


@pytest.mark.parametrize(("section", "index", "key", "bad", "message"), [
    ("months", 0, "number", "un", "'number' has type str"),
    ("months", 1, "number", 13, "'number' is 13"),
    ("weekdays", 2, "forms", None, "missing key 'forms'"),
    ("directions", 0, "direction", "hier", "'direction' has value 'hier'"),
    ("units", 0, "colour", "red", "unknown key 'colour'"),
])
def test_broken_entry_names_file_entry_and_key(section: str, index: int, key: str, bad: Any,
                                               message: str) -> None:
    raw = copy.deepcopy(load_yaml(TIME_FILE))
    raw[section][index][key] = bad
    with pytest.raises(DataFileError) as info:
        build_lexicon(raw, path="data/fr/time.yaml")
    text = str(info.value)
    assert "data/fr/time.yaml" in text
    assert section in text
    assert message in text


def test_missing_section_is_an_error() -> None:
    raw = copy.deepcopy(load_yaml(TIME_FILE))
    del raw["weekdays"]
    with pytest.raises(DataFileError, match="missing section 'weekdays'"):
        build_lexicon(raw)


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [
        ("2023", date(2023, 1, 1), date(2023, 12, 31)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2023-12", date(2023, 12, 1), date(2023, 12, 31)),
        ("2023-02-07", date(2023, 2, 7), date(2023, 2, 7)),
    ],
)
def test_period_bounds(value: str, first: date, last: date) -> None:
    from veille.temporal_rules import period_bounds

    assert period_bounds(value) == (first, last)
    assert period_bounds("2023-02-30") is None
