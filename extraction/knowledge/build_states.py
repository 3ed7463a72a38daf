"""Generate ``data/states.json`` from pycountry and the curated table below.

Run ``python -m extraction.knowledge.build_states`` after editing the table, and commit the
JSON: the loader reads only the JSON, so the extractor does not need pycountry's data at run
time and a pycountry upgrade cannot change the actors silently.

pycountry gives the alpha-3 code and the ISO names; the table gives what the news actually
writes: short names, abbreviations, demonyms, capitals and seats of power used as metonyms
("Washington said", "the Kremlin denied"). One row per state:

    CODE | short name | other names | abbreviations | demonyms | capitals | institutions | status

Lists inside a column are separated by ";". Status is "member" or "observer" for the UN, or
"other:<sovereign alpha-3 or ->" for entities the news reports on as actors of their own
(Taiwan, Kosovo, Hong Kong...).

Aliases left out on purpose: "Congo" (both Congos), "Korea" and "Korean" (both Koreas),
"Congolese", "Dominican" for Dominica (the Dominican Republic's), "Brussels" (the European
Union's, see organisations.json), "The Hague" (the courts').
"""

from __future__ import annotations

import json
from pathlib import Path

import pycountry

from extraction.knowledge.base import normalise_alias

_TABLE = """
AFG | Afghanistan | Islamic Emirate of Afghanistan; Islamic Republic of Afghanistan | | Afghan | Kabul | | member
ALB | Albania | | | Albanian | Tirana | | member
DZA | Algeria | | | Algerian | Algiers | | member
AND | Andorra | | | Andorran | Andorra la Vella | | member
AGO | Angola | | | Angolan | Luanda | | member
ATG | Antigua and Barbuda | Antigua | | Antiguan | St. John's; Saint John's | | member
ARG | Argentina | Argentine Republic | | Argentine; Argentinian | Buenos Aires | Casa Rosada | member
ARM | Armenia | | | Armenian | Yerevan | | member
AUS | Australia | Commonwealth of Australia | | Australian | Canberra | | member
AUT | Austria | | | Austrian | Vienna | | member
AZE | Azerbaijan | | | Azerbaijani; Azeri | Baku | | member
BHS | Bahamas | The Bahamas | | Bahamian | Nassau | | member
BHR | Bahrain | | | Bahraini | Manama | | member
BGD | Bangladesh | | | Bangladeshi | Dhaka | | member
BRB | Barbados | | | Barbadian; Bajan | Bridgetown | | member
BLR | Belarus | Byelorussia | | Belarusian; Belarussian | Minsk | | member
BEL | Belgium | | | Belgian | | | member
BLZ | Belize | | | Belizean | Belmopan | | member
BEN | Benin | | | Beninese | Porto-Novo; Cotonou | | member
BTN | Bhutan | | | Bhutanese | Thimphu | | member
BOL | Bolivia | | | Bolivian | La Paz; Sucre | | member
BIH | Bosnia and Herzegovina | Bosnia; Bosnia-Herzegovina | BiH | Bosnian | Sarajevo | | member
BWA | Botswana | | | Motswana; Batswana | Gaborone | | member
BRA | Brazil | Federative Republic of Brazil | | Brazilian | Brasilia; Brasília | Planalto; Itamaraty | member
BRN | Brunei | | | Bruneian | Bandar Seri Begawan | | member
BGR | Bulgaria | | | Bulgarian | Sofia | | member
BFA | Burkina Faso | Upper Volta | | Burkinabe; Burkinabè | Ouagadougou | | member
BDI | Burundi | | | Burundian | Gitega; Bujumbura | | member
CPV | Cape Verde | Cabo Verde | | Cape Verdean | Praia | | member
KHM | Cambodia | Kingdom of Cambodia | | Cambodian | Phnom Penh | | member
CMR | Cameroon | | | Cameroonian | Yaoundé; Yaounde | | member
CAN | Canada | | | Canadian | Ottawa | Parliament Hill | member
CAF | Central African Republic | | CAR | Central African | Bangui | | member
TCD | Chad | | | Chadian | N'Djamena; Ndjamena | | member
CHL | Chile | | | Chilean | Santiago | La Moneda | member
CHN | China | People's Republic of China; mainland China | PRC; P.R.C. | Chinese | Beijing | Zhongnanhai; People's Liberation Army; PLA; Great Hall of the People | member
COL | Colombia | | | Colombian | Bogotá; Bogota | Casa de Nariño | member
COM | Comoros | | | Comorian | Moroni | | member
COG | Republic of the Congo | Congo-Brazzaville; Congo Republic; Congo Brazzaville | | | Brazzaville | | member
COD | Democratic Republic of the Congo | DR Congo; Congo-Kinshasa; Zaire | DRC | | Kinshasa | | member
CRI | Costa Rica | | | Costa Rican | San José | | member
CIV | Ivory Coast | Côte d'Ivoire; Cote d'Ivoire | | Ivorian | Yamoussoukro; Abidjan | | member
HRV | Croatia | | | Croatian | Zagreb | | member
CUB | Cuba | | | Cuban | Havana | | member
CYP | Cyprus | | | Cypriot | Nicosia | | member
CZE | Czech Republic | Czechia | | Czech | Prague | Prague Castle | member
DNK | Denmark | | | Danish; Dane | Copenhagen | | member
DJI | Djibouti | | | Djiboutian | | | member
DMA | Dominica | Commonwealth of Dominica | | | Roseau | | member
DOM | Dominican Republic | | | Dominican | Santo Domingo | | member
ECU | Ecuador | | | Ecuadorian; Ecuadorean | Quito | | member
EGY | Egypt | Arab Republic of Egypt | | Egyptian | Cairo | | member
SLV | El Salvador | | | Salvadoran; Salvadorean | San Salvador | | member
GNQ | Equatorial Guinea | | | Equatorial Guinean; Equatoguinean | Malabo | | member
ERI | Eritrea | | | Eritrean | Asmara | | member
EST | Estonia | | | Estonian | Tallinn | | member
SWZ | Eswatini | Swaziland | | Swazi; Liswati | Mbabane; Lobamba | | member
ETH | Ethiopia | | | Ethiopian | Addis Ababa | | member
FJI | Fiji | | | Fijian | Suva | | member
FIN | Finland | | | Finnish | Helsinki | | member
FRA | France | French Republic | | French | Paris | Élysée; Élysée Palace; Elysee; Elysee Palace; Quai d'Orsay; Matignon | member
GAB | Gabon | Gabonese Republic | | Gabonese | Libreville | | member
GMB | Gambia | The Gambia | | Gambian | Banjul | | member
GEO | Georgia | | | Georgian | Tbilisi | | member
DEU | Germany | Federal Republic of Germany | FRG | German | Berlin | Bundestag; Bundeswehr; German Chancellery | member
GHA | Ghana | | | Ghanaian | Accra | | member
GRC | Greece | Hellenic Republic | | Greek | Athens | | member
GRD | Grenada | | | Grenadian | St. George's; Saint George's | | member
GTM | Guatemala | | | Guatemalan | Guatemala City | | member
GIN | Guinea | Guinea-Conakry | | Guinean | Conakry | | member
GNB | Guinea-Bissau | | | Bissau-Guinean | Bissau | | member
GUY | Guyana | | | Guyanese | Georgetown | | member
HTI | Haiti | | | Haitian | Port-au-Prince | | member
HND | Honduras | | | Honduran | Tegucigalpa | | member
HUN | Hungary | | | Hungarian | Budapest | | member
ISL | Iceland | | | Icelandic; Icelander | Reykjavik; Reykjavík | | member
IND | India | Republic of India; Bharat | | Indian | New Delhi; Delhi | South Block | member
IDN | Indonesia | | | Indonesian | Jakarta | | member
IRN | Iran | Persia; Islamic Republic | | Iranian | Tehran; Teheran | Islamic Revolutionary Guard Corps; IRGC; Revolutionary Guards | member
IRQ | Iraq | | | Iraqi | Baghdad | | member
IRL | Ireland | Republic of Ireland; Eire | | Irish | Dublin | | member
ISR | Israel | | | Israeli | Jerusalem; Tel Aviv | Knesset; Israel Defense Forces; IDF | member
ITA | Italy | Italian Republic | | Italian | Rome | Palazzo Chigi; Farnesina | member
JAM | Jamaica | | | Jamaican | Kingston | | member
JPN | Japan | | | Japanese | Tokyo | Kantei | member
JOR | Jordan | Hashemite Kingdom of Jordan | | Jordanian | Amman | | member
KAZ | Kazakhstan | | | Kazakh; Kazakhstani | Astana; Nur-Sultan; Almaty | Akorda | member
KEN | Kenya | | | Kenyan | Nairobi | State House Nairobi | member
KIR | Kiribati | | | I-Kiribati | Tarawa | | member
PRK | North Korea | | DPRK; D.P.R.K.; N. Korea | North Korean | Pyongyang | Korean People's Army | member
KOR | South Korea | Republic of Korea | ROK; S. Korea | South Korean | Seoul | Blue House; Cheong Wa Dae | member
KWT | Kuwait | State of Kuwait | | Kuwaiti | Kuwait City | | member
KGZ | Kyrgyzstan | Kyrgyz Republic; Kirghizia | | Kyrgyz; Kyrgyzstani | Bishkek | | member
LAO | Laos | Lao PDR | | Lao; Laotian | Vientiane | | member
LVA | Latvia | | | Latvian | Riga | | member
LBN | Lebanon | Lebanese Republic | | Lebanese | Beirut | | member
LSO | Lesotho | | | Basotho; Mosotho | Maseru | | member
LBR | Liberia | | | Liberian | Monrovia | | member
LBY | Libya | | | Libyan | Tripoli | | member
LIE | Liechtenstein | | | Liechtensteiner | Vaduz | | member
LTU | Lithuania | | | Lithuanian | Vilnius | | member
LUX | Luxembourg | Grand Duchy of Luxembourg | | Luxembourger; Luxembourgish | | | member
MDG | Madagascar | | | Malagasy | Antananarivo | | member
MWI | Malawi | | | Malawian | Lilongwe | | member
MYS | Malaysia | | | Malaysian | Kuala Lumpur; Putrajaya | | member
MDV | Maldives | | | Maldivian | Malé | | member
MLI | Mali | | | Malian | Bamako | | member
MLT | Malta | | | Maltese | Valletta | | member
MHL | Marshall Islands | | | Marshallese | Majuro | | member
MRT | Mauritania | | | Mauritanian | Nouakchott | | member
MUS | Mauritius | | | Mauritian | Port Louis | | member
MEX | Mexico | United Mexican States | | Mexican | Mexico City | Los Pinos; Palacio Nacional | member
FSM | Micronesia | | FSM | Micronesian | Palikir | | member
MDA | Moldova | | | Moldovan | Chisinau; Chișinău | | member
MCO | Monaco | | | Monegasque | | | member
MNG | Mongolia | | | Mongolian | Ulaanbaatar; Ulan Bator | | member
MNE | Montenegro | | | Montenegrin | Podgorica | | member
MAR | Morocco | Kingdom of Morocco | | Moroccan | Rabat | | member
MOZ | Mozambique | | | Mozambican | Maputo | | member
MMR | Myanmar | Burma | | Burmese | Naypyidaw; Naypyitaw; Nay Pyi Taw | Tatmadaw | member
NAM | Namibia | | | Namibian | Windhoek | | member
NRU | Nauru | | | Nauruan | Yaren | | member
NPL | Nepal | | | Nepali; Nepalese | Kathmandu | | member
NLD | Netherlands | Holland; Kingdom of the Netherlands | | Dutch | Amsterdam | | member
NZL | New Zealand | | | New Zealander | Wellington | | member
NIC | Nicaragua | | | Nicaraguan | Managua | | member
NER | Niger | | | Nigerien | Niamey | | member
NGA | Nigeria | | | Nigerian | Abuja | Aso Rock | member
MKD | North Macedonia | Macedonia | | North Macedonian; Macedonian | Skopje | | member
NOR | Norway | | | Norwegian | Oslo | | member
OMN | Oman | Sultanate of Oman | | Omani | Muscat | | member
PAK | Pakistan | Islamic Republic of Pakistan | | Pakistani | Islamabad; Rawalpindi | | member
PLW | Palau | | | Palauan | Ngerulmud | | member
PAN | Panama | | | Panamanian | Panama City | | member
PNG | Papua New Guinea | | PNG | Papua New Guinean | Port Moresby | | member
PRY | Paraguay | | | Paraguayan | Asunción; Asuncion | | member
PER | Peru | | | Peruvian | Lima | | member
PHL | Philippines | | | Philippine; Filipino | Manila | Malacañang; Malacanang; Malacañang Palace | member
POL | Poland | | | Polish | Warsaw | | member
PRT | Portugal | Portuguese Republic | | Portuguese | Lisbon | | member
QAT | Qatar | State of Qatar | | Qatari | Doha | | member
ROU | Romania | | | Romanian | Bucharest | | member
RUS | Russia | | | Russian | Moscow | Kremlin; State Duma; Duma | member
RWA | Rwanda | | | Rwandan | Kigali | | member
KNA | Saint Kitts and Nevis | St. Kitts and Nevis; St Kitts and Nevis | | Kittitian; Nevisian | Basseterre | | member
LCA | Saint Lucia | St. Lucia; St Lucia | | Saint Lucian; St. Lucian | Castries | | member
VCT | Saint Vincent and the Grenadines | St. Vincent and the Grenadines; St Vincent and the Grenadines; St. Vincent | | Vincentian | Kingstown | | member
WSM | Samoa | | | Samoan | Apia | | member
SMR | San Marino | | | Sammarinese | | | member
STP | Sao Tome and Principe | São Tomé and Príncipe | | Santomean | São Tomé; Sao Tome | | member
SAU | Saudi Arabia | Kingdom of Saudi Arabia | KSA | Saudi; Saudi Arabian | Riyadh | | member
SEN | Senegal | | | Senegalese | Dakar | | member
SRB | Serbia | | | Serbian | Belgrade | | member
SYC | Seychelles | | | Seychellois | | | member
SLE | Sierra Leone | | | Sierra Leonean | Freetown | | member
SGP | Singapore | | | Singaporean | | | member
SVK | Slovakia | Slovak Republic | | Slovak; Slovakian | Bratislava | | member
SVN | Slovenia | | | Slovenian; Slovene | Ljubljana | | member
SLB | Solomon Islands | | | Solomon Islander | Honiara | | member
SOM | Somalia | | | Somali | Mogadishu | Villa Somalia | member
ZAF | South Africa | | RSA | South African | Pretoria; Cape Town | Union Buildings | member
SSD | South Sudan | | | South Sudanese | Juba | | member
ESP | Spain | Kingdom of Spain | | Spanish; Spaniard | Madrid | Moncloa | member
LKA | Sri Lanka | Ceylon | | Sri Lankan | Colombo; Sri Jayawardenepura Kotte | | member
SDN | Sudan | | | Sudanese | Khartoum | | member
SUR | Suriname | Surinam | | Surinamese | Paramaribo | | member
SWE | Sweden | | | Swedish; Swede | Stockholm | | member
CHE | Switzerland | Swiss Confederation | | Swiss | Bern; Berne | | member
SYR | Syria | | | Syrian | Damascus | | member
TJK | Tajikistan | | | Tajik; Tajikistani | Dushanbe | | member
TZA | Tanzania | | | Tanzanian | Dodoma; Dar es Salaam | | member
THA | Thailand | Siam | | Thai | Bangkok | | member
TLS | East Timor | Timor-Leste | | Timorese; East Timorese | Dili | | member
TGO | Togo | | | Togolese | Lomé; Lome | | member
TON | Tonga | | | Tongan | Nuku'alofa | | member
TTO | Trinidad and Tobago | Trinidad | | Trinidadian; Tobagonian | Port of Spain | | member
TUN | Tunisia | | | Tunisian | Tunis | | member
TUR | Turkey | Türkiye; Turkiye; Republic of Turkey | | Turkish | Ankara | | member
TKM | Turkmenistan | | | Turkmen | Ashgabat | | member
TUV | Tuvalu | | | Tuvaluan | Funafuti | | member
UGA | Uganda | | | Ugandan | Kampala | | member
UKR | Ukraine | | | Ukrainian | Kyiv; Kiev | Verkhovna Rada; Bankova | member
ARE | United Arab Emirates | Emirates | UAE; U.A.E. | Emirati | Abu Dhabi | | member
GBR | United Kingdom | Britain; Great Britain | UK; U.K. | British; Briton | London | Downing Street; Number 10; No. 10; Whitehall; Westminster; Foreign Office; Foreign, Commonwealth and Development Office; FCDO; Ministry of Defence | member
USA | United States | America; United States of America | US; U.S.; USA; U.S.A. | American | Washington; Washington, D.C.; Washington DC | White House; State Department; Department of State; Pentagon; Department of Defense; Defense Department; Oval Office; Capitol Hill; US Congress; Foggy Bottom; Treasury Department; Justice Department | member
URY | Uruguay | | | Uruguayan | Montevideo | | member
UZB | Uzbekistan | | | Uzbek; Uzbekistani | Tashkent | | member
VUT | Vanuatu | | | Ni-Vanuatu | Port Vila | | member
VEN | Venezuela | | | Venezuelan | Caracas | Miraflores; Miraflores Palace | member
VNM | Vietnam | | | Vietnamese | Hanoi | | member
YEM | Yemen | | | Yemeni | Sanaa; Sana'a | | member
ZMB | Zambia | | | Zambian | Lusaka | | member
ZWE | Zimbabwe | | | Zimbabwean | Harare | | member
VAT | Holy See | Vatican; Vatican City; Vatican City State | | | | | observer
PSE | Palestine | State of Palestine | | Palestinian | Ramallah | Palestinian Authority | observer
TWN | Taiwan | Republic of China; Chinese Taipei | ROC | Taiwanese | Taipei | | other:-
XKX | Kosovo | Republic of Kosovo | | Kosovar; Kosovan | Pristina; Prishtina | | other:-
ESH | Western Sahara | Sahrawi Arab Democratic Republic | SADR | Sahrawi; Saharawi | | | other:-
HKG | Hong Kong | Hong Kong SAR | HKSAR | Hong Konger; Hongkonger | | | other:CHN
MAC | Macao | Macau; Macau SAR | | Macanese | | | other:CHN
GRL | Greenland | | | Greenlandic; Greenlander | Nuuk | | other:DNK
PRI | Puerto Rico | | | Puerto Rican | | | other:USA
"""

# ISO names that the news uses for more than one state: ISO's "Congo" is the Republic, the
# news' "Congo" is as often the Democratic Republic.
_AMBIGUOUS_NAMES = frozenset({"Congo"})

_OUT = Path(__file__).with_name("data") / "states.json"


def _split(column: str) -> list[str]:
    return [item.strip() for item in column.split(";") if item.strip()]


def _iso_names(code: str) -> list[str]:
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return []
    names = [country.name, getattr(country, "official_name", None), getattr(country, "common_name", None)]
    # ISO's inverted forms ("Korea, Republic of") never occur in running text; Taiwan's ISO
    # name is a political claim, not a name the news uses for it.
    names = [n.removeprefix("the ") for n in names if n and ", " not in n and "(" not in n and code != "TWN"]
    return [n for n in names if n not in _AMBIGUOUS_NAMES]


def _unique(name: str, aliases: dict[str, list[str]]) -> dict[str, list[str]]:
    """Each alias once, under its first form: ISO often repeats a curated name."""
    seen = {normalise_alias(name)}
    unique: dict[str, list[str]] = {}
    for form, surfaces in aliases.items():
        for surface in surfaces:
            if (norm := normalise_alias(surface)) not in seen:
                seen.add(norm)
                unique.setdefault(form, []).append(surface)
    return unique


def _description(status: str) -> str:
    if status == "member":
        return "UN member state"
    if status == "observer":
        return "UN observer state"
    return "state or territory reported on as an actor; not a UN member"


def build() -> list[dict]:
    records = []
    for line in _TABLE.strip().splitlines():
        code, short, others, abbreviations, demonyms, capitals, institutions, status = (
            c.strip() for c in line.split("|")
        )
        sovereign = status.removeprefix("other:") if status.startswith("other:") else "-"
        aliases = _unique(
            short,
            {
                "name": [*_split(others), *_iso_names(code)],
                "abbreviation": _split(abbreviations),
                "capital": _split(capitals),
                "institution": _split(institutions),
            },
        )
        records.append(
            {
                "key": code,
                "name": short,
                "kind": "state",
                "code": code,
                "affiliation": None if sovereign == "-" else sovereign,
                "description": _description(status),
                "role": None,
                "aliases": aliases,
                "demonyms": _split(demonyms),
            }
        )
    return records


def main() -> None:
    records = build()
    _OUT.write_text(json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(records)} states to {_OUT.name}")


if __name__ == "__main__":
    main()
