//! Hand-written table of Dutch strong and irregular verbs.
//!
//! Each line is `infinitive:past forms:participles[:present forms]`, fields separated
//! by `:` and alternatives by spaces. Past forms list singular and plural (and weak
//! doublets where both are in use). When the fourth field is present it replaces the
//! regular present-tense forms derived from the infinitive stem (it is needed for
//! `zijn`, `hebben`, `komen`, the modals, and the monosyllabic `-n` verbs).
//!
//! Only base verbs are listed: prefixed and particle verbs (`begrijpen`, `aangeven`,
//! `doorverbinden`) are derived by [`super::verbs`] by stripping prefixes and looking
//! the remainder up here. A few prefixed verbs whose base is not a verb on its own or
//! behaves differently (`beginnen`, `vergeten`, `ontmoeten`) are listed directly.

use std::collections::HashMap;
use std::sync::OnceLock;

/// One table entry.
pub struct Strong {
    pub past: Vec<&'static str>,
    pub pp: Vec<&'static str>,
    pub pres: Option<Vec<&'static str>>,
}

const TABLE: &str = "\
zijn:was waren:geweest:ben bent is zijt wees weest wezen zijn
wezen:was waren:geweest:ben bent is zijt wees weest wezen
hebben:had hadden:gehad:heb hebt heeft hebben
kunnen:kon konden:gekund gekunnen:kan kunt kun kunnen
zullen:zou zouden zoudt::zal zult zul zullen
mogen:mocht mochten:gemogen gemoogd:mag mogen
willen:wilde wilden wou wouden:gewild:wil wilt willen
moeten:moest moesten:gemoeten:moet moeten
doen:deed deden:gedaan:doe doet doen
gaan:ging gingen:gegaan:ga gaat gaan
staan:stond stonden:gestaan:sta staat staan
slaan:sloeg sloegen:geslagen:sla slaat slaan
zien:zag zagen:gezien:zie ziet zien
komen:kwam kwamen:gekomen:kom komt komen
weten:wist wisten:geweten
zeggen:zei zeiden zegde zegden:gezegd
vragen:vroeg vroegen vraagde vraagden:gevraagd
kopen:kocht kochten:gekocht
zoeken:zocht zochten:gezocht
brengen:bracht brachten:gebracht
denken:dacht dachten:gedacht
bakken:bakte bakten:gebakken
lachen:lachte lachten:gelachen
jagen:joeg joegen jaagde jaagden:gejaagd
waaien:woei woeien waaide waaiden:gewaaid
worden:werd werden:geworden
liggen:lag lagen:gelegen
zitten:zat zaten:gezeten
eten:at aten:gegeten
lezen:las lazen:gelezen
geven:gaf gaven:gegeven
vergeten:vergat vergaten:vergeten
genezen:genas genazen:genezen
meten:mat maten:gemeten
treden:trad traden:getreden
bidden:bad baden:gebeden
nemen:nam namen:genomen
breken:brak braken:gebroken
spreken:sprak spraken:gesproken
steken:stak staken:gestoken
stelen:stal stalen:gestolen
bevelen:beval bevalen:bevolen
wegen:woog wogen:gewogen
bewegen:bewoog bewogen:bewogen
scheren:schoor schoren:geschoren
zweren:zwoer zwoeren zwoor zworen:gezworen
schrijven:schreef schreven:geschreven
blijven:bleef bleven:gebleven
krijgen:kreeg kregen:gekregen
rijden:reed reden:gereden:rijd rijdt rij rijden
lijden:leed leden:geleden
snijden:sneed sneden:gesneden
glijden:gleed gleden:gegleden
mijden:meed meden:gemeden
schrijden:schreed schreden:geschreden
kijken:keek keken:gekeken
lijken:leek leken:geleken
wijken:week weken:geweken
prijzen:prees prezen:geprezen
wijzen:wees wezen:gewezen
bijten:beet beten:gebeten
smijten:smeet smeten:gesmeten
slijten:sleet sleten:gesleten
verwijten:verweet verweten:verweten
grijpen:greep grepen:gegrepen
knijpen:kneep knepen:geknepen
slijpen:sleep slepen:geslepen
stijgen:steeg stegen:gestegen
zwijgen:zweeg zwegen:gezwegen
blijken:bleek bleken:gebleken
strijken:streek streken:gestreken
rijzen:rees rezen:gerezen
verdwijnen:verdween verdwenen:verdwenen
schijnen:scheen schenen:geschenen
drijven:dreef dreven:gedreven
wrijven:wreef wreven:gewreven
bezwijken:bezweek bezweken:bezweken
bieden:bood boden:geboden
schieten:schoot schoten:geschoten
gieten:goot goten:gegoten
genieten:genoot genoten:genoten
verliezen:verloor verloren:verloren
kiezen:koos kozen:gekozen
vriezen:vroor vroren:gevroren
vliegen:vloog vlogen:gevlogen
liegen:loog logen:gelogen
bedriegen:bedroog bedrogen:bedrogen
buigen:boog bogen:gebogen
sluiten:sloot sloten:gesloten
ruiken:rook roken:geroken
kruipen:kroop kropen:gekropen
zuigen:zoog zogen:gezogen
schuiven:schoof schoven:geschoven
druipen:droop dropen:gedropen
duiken:dook doken:gedoken
fluiten:floot floten:gefloten
sluipen:sloop slopen:geslopen
spuiten:spoot spoten:gespoten
snuiven:snoof snoven:gesnoven
zuipen:zoop zopen:gezopen
stuiven:stoof stoven:gestoven
schuilen:school scholen schuilde schuilden:gescholen geschuild
binden:bond bonden:gebonden
vinden:vond vonden:gevonden
winden:wond wonden:gewonden
drinken:dronk dronken:gedronken
zinken:zonk zonken:gezonken
stinken:stonk stonken:gestonken
klinken:klonk klonken:geklonken
blinken:blonk blonken:geblonken
beginnen:begon begonnen:begonnen
winnen:won wonnen:gewonnen
spinnen:spon sponnen:gesponnen
zinnen:zon zonnen:gezonnen
zingen:zong zongen:gezongen
springen:sprong sprongen:gesprongen
dringen:drong drongen:gedrongen
dwingen:dwong dwongen:gedwongen
wringen:wrong wrongen:gewrongen
zwemmen:zwom zwommen:gezwommen
klimmen:klom klommen:geklommen
krimpen:kromp krompen:gekrompen
schenken:schonk schonken:geschonken
trekken:trok trokken:getrokken
schrikken:schrok schrokken:geschrokken
vechten:vocht vochten:gevochten
vlechten:vlocht vlochten:gevlochten
zenden:zond zonden:gezonden
schenden:schond schonden:geschonden
smelten:smolt smolten:gesmolten
schelden:schold scholden:gescholden
gelden:gold golden:gegolden
zwellen:zwol zwollen:gezwollen
melken:molk molken melkte melkten:gemolken
sterven:stierf stierven:gestorven
werpen:wierp wierpen:geworpen
werven:wierf wierven:geworven
bederven:bedierf bedierven:bedorven
helpen:hielp hielpen:geholpen
bergen:borg borgen:geborgen
zwerven:zwierf zwierven:gezworven
dragen:droeg droegen:gedragen
graven:groef groeven:gegraven
varen:voer voeren:gevaren
laden:laadde laadden:geladen
malen:maalde maalden:gemalen
scheppen:schiep schiepen schepte schepten:geschapen geschept
lopen:liep liepen:gelopen
roepen:riep riepen:geroepen
slapen:sliep sliepen:geslapen
laten:liet lieten:gelaten
vallen:viel vielen:gevallen
houden:hield hielden:gehouden:houd houdt hou houden
hangen:hing hingen:gehangen
vangen:ving vingen:gevangen
blazen:blies bliezen:geblazen
raden:ried rieden raadde raadden:geraden
braden:braadde braadden:gebraden
heten:heette heetten:geheten
stoten:stootte stootten stiet stieten:gestoten
wassen:waste wasten wies wiesen:gewassen
scheiden:scheidde scheidden:gescheiden
spannen:spande spanden:gespannen
heffen:hief hieven:geheven
weven:weefde weefden:geweven
vouwen:vouwde vouwden:gevouwen
durven:durfde durfden dorst:gedurfd
plegen:pleegde pleegden placht plachten:gepleegd
vergelijken:vergeleek vergeleken:vergeleken
gelijken:geleek geleken:geleken
ontmoeten:ontmoette ontmoetten:ontmoet
wreken:wreekte wreekten:gewroken
treffen:trof troffen:getroffen
spijten:speet speten:gespeten
splijten:spleet spleten:gespleten
krijten:kreet kreten:gekreten
zouten:zoutte zoutten:gezouten
brouwen:brouwde brouwden:gebrouwen
houwen:hieuw hieuwen houwde houwden:gehouwen
barsten:barstte barstten:gebarsten
dunken:docht dachten dunkte:gedocht gedacht
rieken:rook roken riekte riekten:geroken
glimmen:glom glommen:geglommen
dingen:dong dongen:gedongen
zwelgen:zwolg zwolgen:gezwolgen
delven:dolf dolven:gedolven
verslinden:verslond verslonden:verslonden
vreten:vrat vraten:gevreten
hijsen:hees hesen:gehesen
kluiven:kloof kloven:gekloven
";

/// The parsed table (built once).
pub fn table() -> &'static HashMap<&'static str, Strong> {
    static T: OnceLock<HashMap<&'static str, Strong>> = OnceLock::new();
    T.get_or_init(|| {
        let mut m = HashMap::new();
        for line in TABLE.lines() {
            let f: Vec<&str> = line.split(':').collect();
            if f.len() < 3 {
                continue;
            }
            let words = |s: &'static str| s.split_whitespace().collect::<Vec<_>>();
            m.insert(
                f[0],
                Strong {
                    past: words(f[1]),
                    pp: words(f[2]),
                    pres: f.get(3).map(|s| words(s)),
                },
            );
        }
        m
    })
}

/// Look up a base verb.
pub fn lookup(inf: &str) -> Option<&'static Strong> {
    table().get(inf)
}
