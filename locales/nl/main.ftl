# Layout
skip-to-content = Naar de inhoud
nav-label = Hoofdmenu
menu = Menu
lang-switch = Taal
sign-in = Inloggen
sign-out = Uitloggen
footer = cosell, het partnerportaal voor co-sell
back-home = Terug naar de startpagina
error-code = Statuscode
error-request-id = Referentie (noem deze als u om hulp vraagt)
form-has-errors = Enkele velden vragen uw aandacht. Er is niets opgeslagen; wat u typte staat hieronder nog.
saved = Opgeslagen.
save = Opslaan
view = Bekijken
choose = Kies…
yes = Ja
no = Nee
none = Geen
you = Dit bent u
actions = Acties
filter = Filteren
system = Systeem
bytes = bytes
pager = Pagina's
pager-prev = Vorige pagina
pager-next = Volgende pagina

# Navigation
nav-organizations = Organisaties
nav-program-users = Programmagebruikers
nav-audit = Auditlogboek
nav-organization = Organisatie
nav-profile = Bedrijfsprofiel
nav-users = Gebruikers
nav-account = Mijn account

# Error page titles
error-title-400 = Het verzoek kon niet worden gebruikt
error-title-401 = Log eerst in
error-title-403 = Niet toegestaan
error-title-404 = Niet gevonden
error-title-409 = Conflict
error-title-413 = Te groot
error-title-415 = Verkeerd formaat
error-title-422 = Geweigerd
error-title-429 = Te veel pogingen
error-title-500 = Er ging iets mis
error-title-503 = Tijdelijk niet beschikbaar

# Errors
err-unauthorized = Log eerst in (of stuur een geldig API-token mee).
err-bad-credentials = Het e-mailadres of wachtwoord klopt niet.
err-forbidden = Uw rol staat dit niet toe.
err-not-found = Hier is niets, of u kunt het niet zien.
err-csrf = Het formulier was verlopen of kwam niet van deze site. Laad de pagina opnieuw en probeer het nog eens.
err-throttled = Te veel mislukte inlogpogingen. Wacht 15 minuten en probeer het opnieuw.
err-unavailable = De database antwoordde niet. Er is niets gewijzigd; probeer het zo opnieuw.
err-busy = Het portaal is bezig met een grote wijziging (bijvoorbeeld een omzetimport). Er is niets opgeslagen; probeer het over een paar seconden opnieuw.
err-internal = Er ging bij ons iets mis. Er is niets gewijzigd; probeer het opnieuw en meld het aan het programmateam als het blijft gebeuren.
err-body-too-large = Het verzoek is te groot.
err-method = Deze actie is hier niet beschikbaar.
err-required = Vul dit in.
err-too-long = Hooguit { $max } tekens.
err-date = Vul een datum in als JJJJ-MM-DD.
err-date-range = Vul een datum in tussen de jaren { $from } en { $to }.
err-email = Vul een e-mailadres in zoals naam@voorbeeld.nl.
err-email-taken = Er bestaat al een account met dit e-mailadres.
err-https-url = Vul een volledig adres in dat begint met https://, zoals https://www.voorbeeld.nl.
err-country = Kies een land of regio uit de lijst.
err-unknown-code = "{ $code }" is geen van de keuzes.
err-mpn-id = Een MPN ID bestaat uit 6 tot 10 cijfers, verder niets.
err-mpn-id-taken = Een andere organisatie heeft dit MPN ID al.
err-description-length = De beschrijving moet { $min } tot { $max } tekens hebben; nu zijn het er { $count }.
err-duplicate-area = "{ $code }" staat er twee keer in; houd één regel per competentiegebied.
err-password-length = Een wachtwoord heeft { $min } tot { $max } tekens nodig.
err-current-password = Dit is niet uw huidige wachtwoord.
err-roles-empty = Kies ten minste één rol.
err-roles-mixed = Partnerrollen en programmarollen gaan niet samen.
err-roles-partner-only = Gebruikers van een organisatie kunnen alleen partnerrollen hebben (accountbeheerder, ontwikkelaar, manager, co-sellbeheerder).
err-roles-program-only = Programmagebruikers kunnen alleen programmarollen hebben (beoordelaar, programmabeheerder, verkoper).
err-roles-lockout = U kunt uw eigen beheerdersrol niet afnemen.
err-file-missing = Kies een bestand om te uploaden.
err-logo-empty = Het bestand is leeg.
err-logo-too-large = Het logo is { $size } bytes; hooguit { $max } bytes (1 MiB) zijn toegestaan.
err-logo-format = Het logo moet een PNG-, JPEG- of GIF-afbeelding zijn (beoordeeld op de inhoud van het bestand, niet op de naam).
err-logo-unreadable = De afbeelding kon niet worden gelezen; misschien is ze beschadigd.
err-logo-too-wide = Het logo is { $width } px breed; hooguit { $max } px is toegestaan.

# Sign-in, home, account
login-title = Inloggen
login-intro = Log in met het e-mailadres en wachtwoord van uw cosell-account.
field-email = E-mailadres
field-password = Wachtwoord
home-title = Welkom
home-roles = Uw rollen:
home-seller = Alles wat u kunt doen staat in het menu hierboven.
account-title = Mijn account
field-roles = Rollen
password-title = Wachtwoord wijzigen
password-intro = Als u uw wachtwoord wijzigt, wordt u overal elders uitgelogd en vervallen uw API-tokens.
field-current-password = Huidig wachtwoord
field-new-password = Nieuw wachtwoord
password-hint = 8 tot 256 tekens. Een paar losse woorden vormen een sterk wachtwoord.
password-submit = Wachtwoord wijzigen
password-changed = Uw wachtwoord is gewijzigd. Andere sessies en API-tokens zijn beëindigd.

# Organizations
orgs-title = Organisaties
orgs-list = Alle organisaties
orgs-empty = Nog geen organisaties.
orgs-create = Nieuwe organisatie
orgs-create-submit = Organisatie aanmaken
field-org-name = Naam
field-mpn-id = MPN ID (partner-ID)
hint-mpn-id = 6 tot 10 cijfers, uniek over alle organisaties.
field-marketplace-account-active = Commercial marketplace-account actief
field-seller-account-active = Verkopersaccount actief
field-partner-types = Partnertypen
field-isv-connect = Ingeschreven bij ISV Connect op
hint-isv-connect = Laat leeg als er geen inschrijving is.
not-enrolled = Niet ingeschreven
facts-title = Programmagegevens
facts-readonly = Deze gegevens volgen de administratie van het programma; het programmateam houdt ze bij.
howto-mpn-id = Word lid van het partnernetwerk om een MPN ID te krijgen en vraag het programmateam het vast te leggen.
howto-marketplace = Open een commercial marketplace-account in Partner Center; het programmateam legt het hier vast.
howto-seller = Vul het verkopersprofiel (uitbetaling en belasting) van uw marketplace-account aan.
howto-partner-types = Vraag het programmateam vast te leggen of u ISV bent, dienstverlener, of beide.
howto-isv-connect = Dynamics 365-apps hebben een inschrijving bij ISV Connect nodig; meld u aan via het programma.
howto-competency = Dienstenoplossingen hebben een actieve gold-competentie nodig in elk gebied dat ze bestrijken.
competencies-title = Gold-competenties
competencies-none = Geen gold-competenties vastgelegd.
competencies-hint = Eén regel per gebied. Maak beide cellen van een regel leeg om hem te verwijderen.
field-area = Competentiegebied
field-expires-on = Verloopt op
active-until = actief tot en met
expired-on = verlopen op

# Business profile
profile-title = Bedrijfsprofiel
profile-completeness = Volledigheid
profile-details = Gegevens
profile-edit = Bedrijfsprofiel bewerken
profile-complete = Het bedrijfsprofiel is volledig.
profile-incomplete = Het bedrijfsprofiel is nog niet volledig. Het ontbreekt aan:
profile-field-company_name = Bedrijfsnaam
profile-field-description = Beschrijving
profile-field-website = Website
profile-field-headquarters_country = Land van het hoofdkantoor
profile-field-industries = Branches
profile-field-contact_email = Contact-e-mailadres
profile-field-logo = Logo
hint-description = 50 tot 2.500 tekens: wat uw bedrijf doet en voor wie.
characters-now = Aantal tekens nu:
hint-website = De website van uw bedrijf, beginnend met https://.
hint-logo = PNG, JPEG of GIF, hooguit 1 MiB en 300 px breed.
logo-none = Nog geen logo geüpload.
logo-alt = Logo van
logo-choose = Logobestand
logo-upload = Logo uploaden

# Users
users-title = Gebruikers
users-none = Nog geen gebruikers.
roles-save = Rollen opslaan
user-remove = Verwijderen

# Audit log
audit-org-filter = Organisatie
audit-org-any = Elke organisatie
audit-empty = Geen regels.
audit-when = Wanneer
audit-who = Wie
audit-org = Organisatie
audit-kind = Soort
audit-what = Wat

# Roles
role-account_admin = Accountbeheerder
role-developer = Ontwikkelaar
role-manager = Manager
role-cosell_admin = Co-sellbeheerder
role-reviewer = Beoordelaar
role-program_admin = Programmabeheerder
role-seller = Verkoper
role-desc-account_admin = beheert gebruikers en het bedrijfsprofiel
role-desc-developer = maakt, bewerkt en publiceert aanbiedingen
role-desc-manager = een ontwikkelaar die ook omzet ziet
role-desc-cosell_admin = vult co-sell-oplossingen in en dient ze in
role-desc-reviewer = werkt de beoordelingswachtrij af
role-desc-program_admin = leidt het programma: organisaties, gegevens, omzet
role-desc-seller = doorzoekt de catalogus van goedgekeurde oplossingen

# Partner types
partner-type-isv = ISV (software)
partner-type-services = Diensten

# Industries
industry-agriculture = Landbouw
industry-automotive = Automotive
industry-defense_intelligence = Defensie en inlichtingen
industry-distribution = Distributie
industry-education = Onderwijs
industry-financial_services = Financiële dienstverlening
industry-government = Overheid
industry-healthcare = Zorg en life sciences
industry-hospitality_travel = Horeca en reizen
industry-manufacturing = Productie en grondstoffen
industry-media_communications = Media en communicatie
industry-nonprofit = Non-profit en internationale organisaties
industry-energy = Energie en nutsvoorzieningen
industry-professional_services = Zakelijke dienstverlening
industry-public_safety = Openbare veiligheid en justitie
industry-retail = Retail en consumentengoederen
industry-sustainability = Duurzaamheid
industry-other = Overig / branche-overstijgend

# Solution areas
solution-area-data_ai = Data en AI
solution-area-digital_app_innovation = Digitale en app-innovatie
solution-area-infrastructure = Infrastructuur (Azure)
solution-area-security = Beveiliging
solution-area-modern_work = Modern Work
solution-area-business_applications = Bedrijfsapplicaties

# Offers and solutions: errors
err-stores-empty = Kies ten minste één store.
err-areas-services-only = Alleen consultancy- en managed-services-aanbiedingen hebben competentiegebieden.
err-too-many-areas = Kies hooguit { $max } oplossingsgebieden; er zijn er { $count } gekozen.
err-pitch-length = De pitch mag hooguit { $max } tekens hebben; nu zijn het er { $count }.
err-contact-geography = "{ $code }" is geen van de landen van de oplossing; voeg het eerst aan de oplossing toe, of gebruik OOO voor alle landen.
err-contact-geographies-empty = Noem de landen die deze contactpersoon bedient (OOO voor alle).
err-too-many-contacts = Hooguit { $max } contactpersonen.
err-csv-unreadable = Het bestand is geen leesbare CSV.
err-csv-header = De eerste regel moet de kop name,email,job_title,role,geographies zijn.
err-csv-columns = Deze regel heeft niet de 5 kolommen van de kop.
csv-line = Regel { $line }, { $field }: { $message }
csv-refused = Er is niets geïmporteerd: verbeter deze regels en upload het bestand opnieuw.
err-publish-seller = Het verkopersaccount van de organisatie is niet actief, dus de aanbieding kan niet worden gepubliceerd. Neem contact op met het programmateam zodra het verkopersaccount is ingericht.
err-publish-live = De aanbieding is al live.
err-stop-not-live = Alleen een live aanbieding kan worden gestopt.
err-offer-changed = De aanbieding is intussen gewijzigd; laad de pagina opnieuw.
err-solution-changed = De oplossing is intussen gewijzigd (iemand heeft opgeslagen, of een beoordelaar heeft er iets mee gedaan); laad de pagina opnieuw en probeer het nog eens.
err-solution-exists = Deze aanbieding heeft al een co-sell-oplossing; open die vanaf de pagina van de aanbieding.
err-upload-raced = Een andere upload van dit document was eerder. Er is niets van u bewaard; upload het opnieuw.
err-exists = Dit bestaat al. Er is niets gewijzigd.
err-stale-version = Iemand heeft deze pagina opgeslagen nadat u haar opende. Uw wijzigingen zijn niet opgeslagen; ze staan hieronder nog. Open de pagina opnieuw in een nieuw tabblad om de nieuwere versie te zien en sla daarna opnieuw op.
err-storage = De documentopslag antwoordde niet. Er is niets gewijzigd; probeer het zo opnieuw.

# Documents: errors
err-doc-too-large = Het bestand is groter dan { $mib } MiB ({ $max } bytes), de grens voor dit soort document.
err-doc-unreadable = Het bestand kon niet worden gelezen.
err-doc-empty = Het bestand is leeg.
err-doc-format = Dit soort document moet { $allowed } zijn (beoordeeld op de inhoud van het bestand, niet op de naam); dit bestand is { $found }.
err-doc-pdf = De PDF kon niet worden gelezen: ze is beschadigd, afgebroken of versleuteld.
err-doc-pages = De PDF heeft { $pages } pagina's; hooguit { $max } zijn toegestaan.
err-doc-zip = Het bestand lijkt een ZIP-pakket maar kon niet worden gelezen.
err-doc-zip-entries = Het pakket bevat { $count } bestanden; hooguit { $max } zijn toegestaan.
err-doc-no-slides = De pitch deck heeft geen dia's: de presentatie noemt er geen. Voeg minstens één dia toe en upload hem opnieuw.
err-doc-zip-size = Het pakket pakt uit tot meer dan { $max } bytes, meer dan is toegestaan.
err-doc-office = Het pakket is geen Word-, Excel-, PowerPoint- of Visio-document.
err-doc-image = De afbeelding kon niet worden gelezen; misschien is ze beschadigd.

# Offers
nav-offers = Aanbiedingen
offers-title = Aanbiedingen
offers-empty = Nog geen aanbiedingen.
offers-create = Nieuwe aanbieding
offers-create-submit = Aanbieding aanmaken
offer-details = Gegevens van de aanbieding
offer-publish = Publiceren
offer-stop = Stoppen (offline halen)
field-offer-name = Naam van de aanbieding
field-offer-type = Soort aanbieding
field-stores = Stores
field-transactable = Transactable (de marketplace factureert)
field-competency-areas = Competentiegebieden
hint-competency-areas = Alleen dienstenaanbiedingen (consultancy, managed services): de gebieden die de dienst bestrijkt.
field-state = Status
store-azure_marketplace = Azure Marketplace
store-appsource = AppSource
offer-state-draft = Concept
offer-state-in_certification = In certificering
offer-state-live = Live
offer-state-stopped = Gestopt
offer-state-help-draft = Nog niet gepubliceerd. Publiceren vraagt een actief verkopersaccount.
offer-state-help-in_certification = Wordt door de marketplace gecertificeerd.
offer-state-help-live = Live in de marketplace: klanten kunnen haar vinden.
offer-state-help-stopped = Offline gehaald. Publiceer opnieuw om haar live te zetten.
offer-publish-who = Alleen een { $roles } kan deze aanbieding publiceren: { $people }. Vraag het hun; de checklist volgt zodra ze live is.
offer-publish-nobody = Alleen een { $roles } kan deze aanbieding publiceren, en niemand in uw organisatie heeft die rol nog. Een accountbeheerder geeft die op de pagina Gebruikers.
offer-type-azure_application = Azure-applicatie
offer-type-azure_container = Azure-container
offer-type-azure_virtual_machine = Azure virtuele machine
offer-type-iot_edge_module = IoT Edge-module
offer-type-saas = Software as a Service (SaaS)
offer-type-dynamics_365_dataverse_power_apps = Dynamics 365-apps op Dataverse en Power Apps
offer-type-dynamics_365_operations_apps = Dynamics 365 Operations Apps
offer-type-dynamics_365_business_central = Dynamics 365 Business Central
offer-type-power_bi_app = Power BI-app
offer-type-consulting_service = Consultancydienst
offer-type-managed_service = Managed service
offer-type-office_add_in = Office-invoegtoepassing
offer-type-teams_app = Teams-app
offer-type-sharepoint_solution = SharePoint-oplossing

# Co-sell solution page
solution-title = Co-sell-oplossing
solution-open = Co-sell-oplossing openen
solution-start = Co-sell-oplossing starten
solution-sections = Onderdelen van de oplossing
solution-page = Oplossingspagina
field-review-state = Beoordeling
review-state-draft = Concept
review-state-submitted = Ingediend
review-state-in_review = In beoordeling
review-state-approved = Goedgekeurd
review-state-changes_requested = Wijzigingen gevraagd
review-state-withdrawn = Ingetrokken
version = Versie
field-geographies = Landen en regio's
hint-geographies = De landen en regio's waar de oplossing wordt verkocht; ten minste één.
geo-filter = Zoek een land of regio
listing-title = Vermeldingsgegevens
field-solution-areas = Oplossingsgebieden
hint-solution-areas = Eén tot vijf.
field-target-industries = Doelbranches
field-customer-sizes = Grootte van de doelklant
customer-size-smb = Midden- en kleinbedrijf
customer-size-corporate = Corporate
customer-size-enterprise = Enterprise
field-pitch = Korte pitch
characters = tekens
field-landing-page = Productpagina (optioneel)
hint-landing-page = Een volledig adres dat begint met https://.
contacts-title = Verkoopcontactpersonen
hint-contacts = Elk gekozen land heeft ten minste één partner-sales-contactpersoon nodig.
field-contact-name = Naam
field-job-title = Functie (optioneel)
field-contact-role = Rol
field-contact-geographies = Bediende landen
hint-contact-geographies = Landcodes gescheiden door komma's (NL, DE), of OOO voor alle landen van de oplossing.
contact-remove = Verwijderen
contact-add = Contactpersoon toevoegen
contact-role-partner_sales = Verkoop (partner)
contact-role-partner_marketing = Marketing (partner)
contact-role-partner_technical_sales = Technische verkoop (partner)
contact-role-customer_success = Klantsucces
contacts-csv = Contactpersonen als CSV
contacts-export = Contactpersonen downloaden (CSV)
contacts-import-file = CSV-bestand om te importeren
hint-contacts-csv = Kop name,email,job_title,role,geographies; landen met komma's gescheiden tussen aanhalingstekens. De import vervangt alle contactpersonen, en alleen als elke regel klopt.
contacts-import = Contactpersonen importeren
contacts-imported = Contactpersonen geïmporteerd:

# Documents
documents-title = Documenten
documents-intro = Upload elk document één keer; opnieuw uploaden vervangt het en bewaart de oudere versie in de geschiedenis. Bestanden worden beoordeeld op hun inhoud, niet op hun naam.
documents-manage = Documenten uploaden en beheren
document-kind-one_pager = One-pager
document-kind-pitch_deck = Pitchdeck
document-kind-reference_architecture = Referentiearchitectuur
document-kind-case_study = Klantcase
document-kind-customer_win = Gewonnen klant
document-kind-channel_pitch_deck = Pitchdeck voor het kanaal
document-kind-other = Overig
document-need-one_pager = verplicht voor co-sell ready
document-need-pitch_deck = verplicht voor co-sell ready
document-need-reference_architecture = verplicht voor de Azure IP co-sell-incentive
document-need-case_study = optioneel
document-need-customer_win = optioneel
document-need-channel_pitch_deck = optioneel
document-need-other = optioneel
document-formats = Formaten:
document-limit = hooguit
document-max-pages = hooguit { $n ->
    [one] 1 pagina
   *[other] { $n } pagina's
}
document-template = Download ons sjabloon
document-current = Huidig:
document-missing = nog niet geüpload
document-uploaded = Geüpload.
document-replace = Vervangen door een nieuw bestand
document-choose = Bestand om te uploaden
document-drop = Of sleep een bestand hierheen.
document-progress = Voortgang van de upload
document-upload = Uploaden
document-history = Eerdere versies
document-file = Bestand
document-size = Grootte (bytes)
document-pages-slides = Pagina's / dia's
pages = { $n ->
    [one] 1 pagina
   *[other] { $n } pagina's
}
slides = { $n ->
    [one] 1 dia
   *[other] { $n } dia's
}

# Status engine
status-marketplace = Niet co-sell ready
status-co_sell_ready = Co-sell ready
status-azure_ip_co_sell = Azure IP co-sell-incentive
status-bizapps_co_sell = Business Applications co-sell-incentive
group-co_sell_ready = Co-sell ready
group-azure_ip_co_sell = Azure IP co-sell-incentive
req-state-met = Voldaan
req-state-unmet = Nog niet voldaan
req-state-not_applicable = Niet van toepassing
req-offer_type_eligible-met = Dit soort aanbieding kan samen worden verkocht.
req-offer_type_eligible-unmet = Aanbiedingen van het soort { $type } komen nooit in aanmerking voor co-sell: Office-apps en -invoegtoepassingen zijn uitgesloten.
req-mpn_account-met = De organisatie heeft een MPN ID en een actief commercial marketplace-account.
req-mpn_account-no-mpn = Er is geen MPN ID vastgelegd. Word lid van het partnernetwerk en vraag het programmateam het ID vast te leggen.
req-mpn_account-no-marketplace = Het commercial marketplace-account is niet actief. Open het in Partner Center; het programmateam legt het vast.
req-business_profile-met = Het bedrijfsprofiel is volledig.
req-business_profile-unmet = Het bedrijfsprofiel is niet volledig. Vul in: { $missing }.
req-offer_live-met = De aanbieding is live in de marketplace.
req-offer_live-unmet = De aanbieding is niet live. Publiceer haar (daarvoor is een actief verkopersaccount nodig).
req-sales_contacts-no-geographies = Er is geen land gekozen. Kies de landen en regio's waar de oplossing wordt verkocht.
req-sales_contacts-met = Elk gekozen land ({ $count }) heeft een partner-sales-contactpersoon.
req-sales_contacts-unmet = Deze landen hebben nog geen partner-sales-contactpersoon: { $geographies }. Voeg er een toe (OOO dekt alle).
req-listing_details-met = Oplossingsgebieden, branches, klantgrootte en pitch zijn ingevuld.
req-listing_details-unmet = Vul de vermeldingsgegevens in: één tot vijf oplossingsgebieden, ten minste één branche en klantgrootte, en de pitch.
req-one_pager-met = Er is een geldige one-pager geüpload.
req-one_pager-unmet = Upload de one-pager (PDF, hooguit 2 pagina's). Een sjabloon staat op de documentenpagina.
req-pitch_deck-met = Er is een geldig pitchdeck geüpload.
req-pitch_deck-unmet = Upload het pitchdeck (PDF of PPTX). Een sjabloon staat op de documentenpagina.
req-gold_competency-na = Geldt alleen voor dienstenoplossingen.
req-gold_competency-no-areas = De dienstenaanbieding noemt geen competentiegebied. Voeg de gebieden die ze bestrijkt toe aan de aanbieding.
req-gold_competency-met = De organisatie heeft een actieve gold-competentie in elk gebied dat de aanbieding bestrijkt.
req-gold_competency-unmet = Geen actieve gold-competentie in: { $areas }. Behaal of vernieuw haar; het programmateam legt haar vast.
req-isv_connect-na = Geldt alleen voor Dynamics 365-apps op Dataverse en Power Apps, en Dynamics 365 Operations Apps.
req-isv_connect-met = Ingeschreven bij ISV Connect sinds { $date }.
req-isv_connect-later = De inschrijving bij ISV Connect begint op { $date }, na deze datum.
req-isv_connect-unmet = De organisatie is niet ingeschreven bij ISV Connect. Schrijf u in via het programma.
req-azure-ip-na = Geldt alleen voor Azure-applicaties, -containers, virtuele machines, IoT Edge-modules en SaaS-aanbiedingen.
req-revenue_threshold-consumed = De Azure-verbruiksomzet van { $from } tot en met { $to } is { $consumed }, ten minste { $threshold }.
req-revenue_threshold-billed = De via de marketplace gefactureerde omzet van deze aanbieding van { $from } tot en met { $to } is { $billed }, ten minste { $threshold }.
req-revenue_threshold-unmet = Van { $from } tot en met { $to }: Azure-verbruik { $consumed }, marketplace-facturatie { $billed }. Eén van beide (niet samen) moet { $threshold } halen.
req-revenue_threshold-unmet-listing = De Azure-verbruiksomzet van { $from } tot en met { $to } is { $consumed }; die moet { $threshold } halen. Gefactureerde omzet telt alleen voor transactable aanbiedingen.
req-technical_validation-met = Een beoordelaar legde { $percent } van de infrastructuur op Azure vast: geslaagd.
req-technical_validation-failed = Een beoordelaar legde { $percent } op Azure vast; meer dan 50% is nodig. Breng meer infrastructuur naar Azure en vraag een nieuwe validatie.
req-technical_validation-default = Transactable Azure virtuele-machine- en applicatie-aanbiedingen slagen standaard voor de technische validatie.
req-technical_validation-unmet = Er is nog geen technische validatie vastgelegd. Een beoordelaar controleert of meer dan 50% van de infrastructuur herbruikbare IP-code op Azure draait.
req-reference_architecture-met = Er is een geldige referentiearchitectuur geüpload.
req-reference_architecture-unmet = Upload een referentiearchitectuur (PDF, PNG, JPEG, SVG of VSDX).

# Revenue import
err-revenue-header = De eerste regel moet de kop mpn_id,month,kind,amount_usd,offer_id zijn.
err-revenue-mpn = Geen organisatie heeft dit MPN ID.
err-revenue-month = Geef de maand als JJJJ-MM.
err-revenue-kind = De soort is azure_consumed of marketplace_billed.
err-revenue-amount = Geef het bedrag in Amerikaanse dollars met hooguit twee decimalen, zoals 1234.56.
err-revenue-offer-not-allowed = azure_consumed is omzet van de organisatie: laat offer_id leeg.
err-revenue-offer-required = marketplace_billed heeft de offer_id nodig.
err-revenue-offer-unknown = Deze organisatie heeft geen aanbieding met dit id.
err-revenue-duplicate = Deze regel herhaalt regel { $first } (zelfde organisatie, aanbieding, maand en soort).
err-percent = Geef een percentage van 0 tot 100, met hooguit twee decimalen.

# Checklist and technical validation
checklist-title = Co-sell-checklist
checklist-today = Vandaag beoordeeld
checklist-on = Wat als: beoordeeld op
checklist-fix = Oplossen
checklist-what-if = Toon de checklist op een andere datum
checklist-show = Tonen
validation-title = Technische validatie
validation-none = Er is geen technische validatie vastgelegd.
validation-passed = Geslaagd:
validation-failed = Niet geslaagd:
validation-on-azure = van de infrastructuur op Azure
field-percent-on-azure = Percentage van de infrastructuur met herbruikbare IP-code op Azure
hint-percent-on-azure = 0 tot 100, hooguit twee decimalen (72,5 of 72.5). Meer dan 50 slaagt.
field-validation-note = Notitie
validation-record = Validatie vastleggen
err-upload-waiting-for-review = Deze oplossing wacht op beoordeling. Een document uploaden haalt haar uit de beoordelingswachtrij en maakt er weer een concept van: vink het vakje boven de knop aan om dat te doen, of laat haar in beoordeling.
documents-waiting = Deze oplossing wacht op beoordeling. Een document toevoegen of vervangen haalt haar uit de beoordelingswachtrij en maakt er weer een concept van; daarna dient u haar opnieuw in. Elke upload hieronder vraagt u dat eerst te bevestigen.
document-leave-review = Ja, haal de oplossing met deze upload uit beoordeling
document-upload-and-withdraw = Uploaden en uit beoordeling halen
validation-record-in-review = Leg de technische validatie vast op de beoordelingspagina
validation-none-partner = Er is nog geen technische validatie vastgelegd. De beoordelaars van het programma leggen haar vast nadat u de oplossing hebt ingediend: zij kijken hoeveel van de infrastructuur van de oplossing herbruikbare IP-code op Azure draait (meer dan 50% slaagt). Zorg intussen dat de referentiearchitectuur bij uw documenten de Azure-services toont die de oplossing gebruikt, en dien de oplossing dan in.

# Dashboard and revenue
nav-dashboard = Dashboard
nav-revenue = Omzet
nav-revenue-import = Omzet importeren
dashboard-title = Co-sell-dashboard
dashboard-empty = Nog geen co-sell-oplossingen. Start er een vanuit een aanbieding:
dashboard-status = Status
dashboard-progress = Voldane eisen
dashboard-next = Wat nu te doen
dashboard-all-met = Alles wat van toepassing is, is voldaan.
revenue-title = Omzet
revenue-window = Afgelopen 12 maanden:
revenue-window-hint = De checklist telt deze 12 volledige kalendermaanden vóór deze maand. Azure-verbruik en marketplace-facturatie worden nooit opgeteld; gefactureerde omzet telt alleen voor transactable aanbiedingen.
revenue-months = Per maand
revenue-none = Geen omzet vastgelegd.
revenue-month = Maand
revenue-kind = Soort
revenue-offer = Aanbieding
revenue-amount = Bedrag
revenue-counts = In de periode
revenue-kind-azure_consumed = Azure-verbruik
revenue-kind-marketplace_billed = Marketplace-facturatie
revenue-import-title = Omzet importeren
revenue-import-file = CSV-bestand met omzet
revenue-import-help = Eén regel per organisatie, maand en soort. Eerst wordt het hele bestand gecontroleerd: is een regel fout, dan wordt niets geïmporteerd en noemt de fout de regel en het veld. Hetzelfde bestand opnieuw importeren verandert niets; een regel vervangt een eerdere voor dezelfde organisatie, aanbieding, maand en soort.
revenue-import-submit = Importeren
revenue-imported-count = { $n ->
    [one] Eén regel geïmporteerd.
   *[other] { $n } regels geïmporteerd.
}
revenue-imported-rows = Wat is geïmporteerd
revenue-line = Regel
autosave-on = Wijzigingen worden meteen opgeslagen.
autosave-saved = Opgeslagen om
autosave-not-saved = Nog niet opgeslagen:
err-reason-required = Geef de reden; de partner ziet haar op de oplossingspagina.

# Review (partner side)
review-title = Beoordeling
review-reason = De beoordelaar vraagt om wijzigingen:
review-refused = De automatische controle vond eisen die nog niet zijn voldaan: { $ids }. De checklist zegt wat te doen; er is niets ingediend.
review-submit = Indienen voor beoordeling
review-withdraw = Terugtrekken uit de beoordeling
review-help-draft = Dien de oplossing in zodra alle co-sell-ready-eisen zijn voldaan; een beoordelaar controleert haar.
review-help-submitted = Wacht op een beoordelaar. Bewerken haalt haar uit de wachtrij.
review-help-in_review = Een beoordelaar controleert haar. Bewerken haalt haar uit de beoordeling.
review-help-approved = Goedgekeurd. Bewerken start een nieuw concept; de catalogus toont deze goedgekeurde versie tot de volgende goedkeuring.
review-help-changes_requested = Breng de wijzigingen aan en dien opnieuw in.
review-help-withdrawn = Teruggetrokken. Bewerk en dien opnieuw in wanneer u klaar bent.

# Review (reviewer side)
nav-review = Beoordelingswachtrij
queue-title = Beoordelingswachtrij
queue-empty = Er wacht geen oplossing op beoordeling.
queue-status-sought = Gevraagde status
queue-waiting = Wacht
queue-claimed = Opgepakt door
queue-claim = Oppakken
waited-days = { $d } d { $h } u
waited-hours = { $h } u { $m } min
waited-minutes = { $m } min
queue-sort = Volgorde
queue-sort-waiting = Langst wachtend eerst
queue-sort-status = Gezochte status
queue-sort-organization = Organisatie
queue-claim-next = De volgende oppakken en openen
queue-claim-next-hint = Pakt de eerste oplossing in deze volgorde op die nog niemand heeft opgepakt, en opent de beoordeling.
flash-nothing-to-claim = Hier wacht niets om opgepakt te worden: elke oplossing in deze lijst is al opgepakt.
all = Alle
review-page-title = Beoordeling
review-submitted = Zoals ingediend
review-diff = Wijzigingen sinds de laatst goedgekeurde versie
review-diff-first = Nooit eerder goedgekeurd: alles is nieuw.
review-field = Veld
review-before = Goedgekeurd
review-after = Ingediend
review-changed = gewijzigd
review-decision = Besluit
review-approve = Goedkeuren
review-reason-label = Reden voor de partner (verplicht bij wijzigingen vragen)
review-request-changes = Wijzigingen vragen

# Catalog
nav-catalog = Catalogus
catalog-title = Co-sell-catalogus
catalog-search = Woorden in de naam of pitch
catalog-status = Getoonde status
catalog-find = Zoeken
catalog-none = Geen goedgekeurde oplossing voldoet.
catalog-approved = Goedgekeurd op
catalog-contacts = Verkoopcontactpersonen per land
catalog-collateral = Materiaal
comments-title = Opmerkingen van beoordelaars
comments-internal = Intern: partners zien deze nooit.
comments-none = Nog geen opmerkingen.
comments-add = Opmerking toevoegen
comments-submit = Opmerking toevoegen
audit-user-filter = Gebruiker (e-mail)
audit-from = Vanaf
audit-to = Tot en met
err-control-character = In “{ $field }” staat een stuurteken (zoals een NUL-byte of een tab) dat hier niet bewaard kan worden; haal het weg en probeer het opnieuw.
err-paging = “{ $field }” moet een geheel getal van 1 tot en met { $max } zijn.
err-unstorable = Een deel van de invoer kan niet worden bewaard (een stuurteken, of een getal buiten het bereik). Er is niets gewijzigd.
err-waiting-for-review = Deze oplossing wacht op beoordeling. Een wijziging opslaan haalt haar uit de beoordelingswachtrij en maakt er weer een concept van; bevestig dat hieronder, of laat haar in beoordeling.
save-and-withdraw = Opslaan en uit beoordeling halen…
leave-review-confirm = Ja, opslaan en uit beoordeling halen
leave-review-cancel = In beoordeling laten (deze wijzigingen vervallen)
autosave-off-waiting = Automatisch opslaan staat uit zolang de oplossing op beoordeling wacht.
approved-edit-note = Opslaan begint een nieuw concept; de catalogus blijft de goedgekeurde versie tonen tot de nieuwe is goedgekeurd.
flash-saved = Opgeslagen.
flash-saved-withdrawn = Opgeslagen. De oplossing is uit de beoordelingswachtrij en weer een concept; dien haar in zodra ze klaar is.
flash-submitted = Ingediend voor beoordeling. Een beoordelaar pakt haar op uit de wachtrij; de status hieronder verandert zodra dat gebeurt.
flash-withdrawn = Uit beoordeling gehaald. Pas haar aan en dien haar opnieuw in zodra ze klaar is.
flash-validation-recorded = Technische validatie vastgelegd.
flash-contacts-imported = { $n ->
    [one] Eén contactpersoon geïmporteerd; die vervangt de eerdere lijst.
   *[other] { $n } contactpersonen geïmporteerd; ze vervangen de eerdere lijst.
}
flash-offer-created = Aanbieding aangemaakt als concept. Publiceer haar zodra ze klaar is.
flash-offer-published = Gepubliceerd: de aanbieding staat live op de marketplace.
flash-offer-stopped = Gestopt: de aanbieding wordt niet meer verkocht op de marketplace.
flash-solution-started = Co-sell-oplossing gestart. Vul de pagina in; de checklist laat zien wat nog ontbreekt.
flash-profile-saved = Bedrijfsprofiel opgeslagen.
flash-logo-saved = Logo opgeslagen.
flash-competencies-saved = Competenties opgeslagen.
flash-organization-saved = Organisatie opgeslagen.
flash-organization-created = Organisatie aangemaakt.
flash-password-changed = Wachtwoord gewijzigd. Uw andere sessies zijn afgemeld.
flash-user-removed = Gebruiker verwijderd; de sessies en API-tokens werken niet meer.
flash-roles-changed = Rollen gewijzigd.
confirm-title = Bevestig dit eerst
confirm-cancel = Annuleren, niets wijzigen
confirm-stop-offer = Stoppen met de verkoop van “{ $name }” op de marketplace? De aanbieding verdwijnt meteen van de marketplace, en de co-sell-oplossing telt niet meer als live. U kunt haar later opnieuw publiceren.
confirm-stop-offer-button = Ja, stop de aanbieding
confirm-withdraw = “{ $name }” uit beoordeling halen? Ze verlaat de beoordelingswachtrij (een beoordelaar die ermee bezig is, stopt) en kan weer worden aangepast; dien haar opnieuw in zodra ze klaar is.
confirm-withdraw-button = Ja, haal uit beoordeling
confirm-remove-user = { $email } verwijderen? Aanmelden, sessies en API-tokens werken meteen niet meer. Dit kan niet ongedaan worden gemaakt, al kan het account opnieuw worden aangemaakt.
confirm-remove-user-button = Ja, verwijder deze gebruiker
or = of
forbidden-needs = Hiervoor is deze rol nodig:
forbidden-holders = In uw organisatie hebben deze mensen die rol; vraag het een van hen, of vraag een accountbeheerder om de rol:
forbidden-nobody = Niemand in uw organisatie heeft deze rol nog; een accountbeheerder kan hem toekennen op de gebruikerspagina.
solution-read-only = U kunt deze pagina lezen maar niet wijzigen: alleen een { $roles } past de co-sell-oplossing aan. In uw organisatie is dat { $people }.
solution-read-only-nobody = U kunt deze pagina lezen maar niet wijzigen: alleen een { $roles } past de co-sell-oplossing aan, en niemand in uw organisatie heeft die rol nog; een accountbeheerder kan hem toekennen op de gebruikerspagina.
solution-read-only-program = De co-sell-beheerders van de partner passen deze pagina aan; het programma leest mee, en beoordelaars leggen hieronder de technische validatie vast.
story-label = Status
story-not-ready = Nog niet goedgekeurd, dus verkopers zien haar niet, en de feiten ondersteunen co-sell ready nog niet: de checklist zegt wat er ontbreekt.
story-not-approved = Nog niet goedgekeurd, dus verkopers zien haar niet. De feiten ondersteunen vandaag { $supported }: dien de oplossing in om haar te laten beoordelen.
story-waiting = Wacht op beoordeling, dus verkopers zien haar nog niet. De feiten ondersteunen vandaag { $supported }; de goedkeuring van de beoordelaar kent het toe.
story-holds = Goedgekeurd als { $awarded }, en de feiten ondersteunen dat nog steeds.
story-better = Goedgekeurd als { $awarded }. De feiten ondersteunen nu { $supported }: dien de wijzigingen in om dat te laten goedkeuren.
story-lowered = Goedgekeurd als { $awarded }, maar getoond als { $shown } omdat niet meer aan een eis wordt voldaan: de checklist zegt welke.
audit-kind-solution_saved = Oplossing opgeslagen
audit-kind-contacts_changed = Contactpersonen geïmporteerd
audit-kind-document_uploaded = Document geüpload
audit-kind-document_replaced = Document vervangen
audit-kind-solution_created = Oplossing gestart
audit-kind-solution_submitted = Ingediend voor beoordeling
audit-kind-solution_withdrawn = Uit beoordeling gehaald
audit-kind-withdrawn_by_edit = Uit beoordeling gehaald door een wijziging
audit-kind-new_draft = Nieuw concept van een goedgekeurde oplossing
audit-kind-solution_claimed = Opgepakt door een beoordelaar
audit-kind-solution_approved = Goedgekeurd
audit-kind-changes_requested = Wijzigingen gevraagd
audit-kind-technical_validation = Technische validatie vastgelegd
audit-kind-offer_created = Aanbieding aangemaakt
audit-kind-offer_published = Aanbieding gepubliceerd
audit-kind-offer_stopped = Aanbieding gestopt
audit-kind-organization_created = Organisatie aangemaakt
audit-kind-program_facts_changed = Programmagegevens gewijzigd
audit-kind-competencies_changed = Competenties gewijzigd
audit-kind-logo_uploaded = Logo geüpload
audit-kind-revenue_imported = Omzet geïmporteerd
audit-kind-user_created = Gebruiker aangemaakt
audit-kind-role_change = Rollen gewijzigd
audit-kind-user_removed = Gebruiker verwijderd
audit-kind-password_changed = Wachtwoord gewijzigd
audit-kind-sign_in_failed = Aanmelden mislukt
audit-kind-shown_status_lowered = Getoonde status verlaagd
audit-kind-any = Elk soort
audit-group = { $n } items van dezelfde persoon op deze oplossing binnen 10 minuten; het nieuwste:
audit-since = sinds
req-name-offer_type_eligible = een soort aanbieding dat co-sell mag
req-name-mpn_account = een Partner-ID met een actief marketplace-account
req-name-business_profile = een volledig bedrijfsprofiel
req-name-offer_live = een live aanbieding
req-name-sales_contacts = een partner-salescontact voor elke regio
req-name-listing_details = de vermeldingsgegevens
req-name-one_pager = een one-pager
req-name-pitch_deck = een pitch deck
req-name-gold_competency = een gold-competentie
req-name-isv_connect = inschrijving bij ISV Connect
req-name-revenue_threshold = de omzetdrempel
req-name-technical_validation = een geslaagde technische validatie
req-name-reference_architecture = een referentiearchitectuur
table-region = Tabel; op een smal scherm schuift hij opzij
jump-to-checklist = Naar de checklist
checklist-summary = { $met } van { $applicable } co-sell-ready-eisen voldaan
revenue-check-submit = Controleer het bestand
revenue-check-title = Wat deze import zou veranderen
revenue-check-rows = { $n ->
    [one] Eén regel, gecontroleerd en geldig. Er is nog niets geïmporteerd.
   *[other] { $n } regels, gecontroleerd en geldig. Er is nog niets geïmporteerd.
}
revenue-check-org-rows = { $n ->
    [one] één regel
   *[other] { $n } regels
}
revenue-check-no-change = De status van geen enkele co-sell-oplossing zou vandaag veranderen.
revenue-check-changes = Co-sell-oplossingen waarvan de status vandaag zou veranderen
revenue-check-supported = Wat de feiten ondersteunen
revenue-check-import = { $n ->
    [one] Importeer deze regel
   *[other] Importeer deze { $n } regels
}
autosave-partly = Wat geldig was, is opgeslagen; de rest blijft bewaard als uw concept tot u het verbetert:
autosave-kept = Nog niet opgeslagen, wel bewaard als uw concept (het komt terug als u terugkomt) tot u het verbetert:
autosave-stale-kept = Niet opgeslagen: iemand heeft deze pagina opgeslagen nadat u haar opende. Wat u typte, is bewaard als uw concept; open de pagina opnieuw om beide te zien.
draft-notice = Dit formulier toont wat u op { $at } typte en nog niet kon worden opgeslagen, met bij elk veld wat er niet klopt. Verbeter het en het wordt opgeslagen; of gooi het weg om te zien wat er is opgeslagen.
draft-discard = Gooi mijn concept weg
flash-draft-discarded = Uw concept is weggegooid; het formulier toont wat er is opgeslagen.
month-1 = jan
month-2 = feb
month-3 = mrt
month-4 = apr
month-5 = mei
month-6 = jun
month-7 = jul
month-8 = aug
month-9 = sep
month-10 = okt
month-11 = nov
month-12 = dec

# Review page: the decision panel, kept words, the diff in words
review-approve-hint = Kent de status toe die de checklist nu toont en publiceert deze versie in de catalogus.
review-approve-awards = Goedkeuren kent nu de status { $status } toe.
review-doc-replaced = vervangen sinds de laatste goedkeuring
review-doc-none = Geen document
review-request-hint = De partner leest deze reden op de oplossingspagina en in de checklist.
review-claim-hint = Pak haar eerst op: de partner ziet dan dat een beoordelaar haar controleert, en niemand anders neemt haar.
review-kept-hint = Wat u hier typt, wordt voor u bewaard tot u het verstuurt, ook als u de pagina verlaat.
review-kept = Bewaard.
review-kept-failed = Nog niet bewaard: controleer uw verbinding; uw tekst blijft in het vak.
review-added = Toegevoegd:
review-removed = Verwijderd:
review-order-only = Alleen de volgorde verschilt van de goedgekeurde versie.
flash-claimed = Opgepakt: u beoordeelt deze oplossing.
flash-approved = Goedgekeurd: de oplossing staat in de catalogus met de status die zij vandaag heeft.
flash-changes-requested = Wijzigingen gevraagd: de partner ziet uw reden op de oplossingspagina.
flash-comment-added = Opmerking toegevoegd.

# Documents page: required kinds first, optional ones compact
documents-required-title = Vereist voor deze oplossing
documents-optional-title = Optionele documenten
documents-optional-hint = Geen van deze is nodig voor een status van deze oplossing; ze helpen verkopers haar te presenteren.
document-in-place = geüpload
document-none-yet = nog geen
document-add-optional = Een toevoegen
document-required-for-co_sell_ready = Vereist voor co-sell ready.
document-required-for-azure_ip_co_sell = Vereist voor de Azure IP co-sell-incentive.
document-drop-starts = Of zet hier een bestand neer: het uploaden begint meteen.
document-too-large-here = Dit bestand is groter dan deze soort toestaat. Er is niets verstuurd.
document-wrong-type-here = Dit bestand heeft geen van de formaten die deze soort aanneemt. Er is niets verstuurd.
document-upload-failed = Het uploaden is niet gelukt: controleer uw verbinding en probeer het opnieuw.

# Preview as seller
preview-title = Voorbeeld voor verkopers
preview-intro = Verkopers vinden goedgekeurde oplossingen in de co-sell-catalogus. Hier staat deze pagina zoals haar vermelding luidt na goedkeuring, naast wat verkopers vandaag zien.
preview-next = Deze pagina na goedkeuring
preview-not-approved = nog niet goedgekeurd
preview-status-hint = De status die de checklist vandaag ondersteunt; de goedkeuring van de beoordelaar kent haar toe.
preview-now = Wat verkopers nu zien
preview-not-in-catalog = Nog niet in de catalogus: verkopers vinden deze oplossing na haar eerste goedkeuring.
preview-unchanged = Hier wacht niets op goedkeuring: verkopers zien deze pagina zoals ze is.

# Catalog: counts, logos, export
csv-offer = Aanbieding
csv-organization = Organisatie
csv-link = Link
catalog-count = { $n ->
    [one] Eén oplossing voldoet.
   *[other] { $n } oplossingen voldoen.
}
catalog-export = Deze resultaten downloaden (CSV)
catalog-logo = Logo van { $name }

## The API reference page (/api/docs)
api-docs-title = API-naslag
api-docs-json = Het OpenAPI-document (JSON)
api-docs-noscript = Deze naslag heeft JavaScript nodig. Het OpenAPI-document zelf staat hierboven gelinkt.

## Meldingen en mail (SPEC 12)
nav-notifications = Meldingen
notifications-title = Meldingen
notifications-unread = { $n ->
    [one] 1 ongelezen
   *[other] { $n } ongelezen
}
notifications-empty = Nog niets te melden. Hier ziet u wat er met uw oplossingen en beoordelingen gebeurt.
notifications-mark-all = Alles als gelezen markeren
notifications-mark-read = Als gelezen markeren
notifications-open = Openen
notifications-new = Nieuw
notifications-when = Wanneer
notice-solution_submitted = { $offer } is ingediend ter beoordeling
notice-solution_submitted-body = De co-sell-oplossing van { $offer } wacht in de beoordelingswachtrij.
notice-solution_submitted-why = U beoordeelt co-sell-oplossingen.
notice-solution_claimed = { $offer } wordt beoordeeld
notice-solution_claimed-body = { $reviewer } is begonnen met de beoordeling van { $offer }.
notice-solution_claimed-why = U bent co-sell-beheerder van deze organisatie.
notice-solution_approved = { $offer } is goedgekeurd
notice-solution_approved-body = De co-sell-oplossing van { $offer } is goedgekeurd met de status { $status }. Verkopers vinden haar in de catalogus.
notice-solution_approved-why = U bent co-sell-beheerder van deze organisatie.
notice-changes_requested = Wijzigingen gevraagd voor { $offer }
notice-changes_requested-body = De beoordelaar vraagt wijzigingen in { $offer }: { $reason }
notice-changes_requested-why = U bent co-sell-beheerder van deze organisatie.
notice-shown_status_lowered = { $offer } toont nu { $to }
notice-shown_status_lowered-body = De catalogus toonde { $offer } als { $from }; de feiten ondersteunen nu { $to }. Open de checklist om te zien wat ontbreekt.
notice-shown_status_lowered-why = U bent co-sell-beheerder van deze organisatie.
notice-revenue_imported = Omzet geïmporteerd
notice-revenue_imported-body = Omzetregels van uw organisatie geïmporteerd: { $rows }. De checklists tellen ze vanaf nu mee.
notice-revenue_imported-why = U bent manager van deze organisatie.
mail-open = Open de pagina
mail-turn-off = U kunt deze mails uitzetten op uw accountpagina
mail-kind-solution_submitted = Een oplossing is ingediend ter beoordeling
mail-kind-solution_claimed = Een beoordelaar is begonnen met een beoordeling
mail-kind-solution_approved = Een oplossing is goedgekeurd
mail-kind-changes_requested = Er zijn wijzigingen gevraagd
mail-kind-shown_status_lowered = Een getoonde status is verlaagd
mail-kind-revenue_imported = Er is omzet geïmporteerd
outbox-title = Postvak uit
outbox-intro = Elke mail die het portaal verstuurt, nieuwste eerst. Zonder SMTP_URL worden mails niet verstuurd maar in het logboek geschreven en hier bewaard. Links om een nieuw wachtwoord te kiezen staan hier nooit: zonder SMTP_URL staan ze alleen in het logboek van de server.
outbox-empty = Nog geen mail.
outbox-to = Aan
outbox-subject = Onderwerp
outbox-created = Aangemaakt
outbox-state = Toestand
outbox-sent = Verstuurd { $at }
outbox-logged = In het logboek geschreven { $at }
outbox-waiting = Wacht
outbox-retrying = Poging { $attempts } mislukt: { $error }. Volgende poging { $at }.
nav-outbox = Postvak uit
flash-notifications-read = Alle meldingen zijn als gelezen gemarkeerd.
flash-mails-saved = Uw mailkeuzes zijn bewaard.
mails-title = Mails
mails-intro = Het portaal laat u per mail weten wanneer er iets gebeurt dat u aangaat. Vink uit wat u niet per mail wilt; het blijft onder Meldingen staan. Uitnodigingen en wachtwoordherstel komen altijd per mail.
mails-none = Uw rollen krijgen geen mails over gebeurtenissen.
mails-language = Mails en meldingen komen in het { $language }, de taal die u het laatst koos met de keuze bovenaan.
mails-submit = Mailkeuzes bewaren
outbox-body = De mail
language-en = Engels
language-nl = Nederlands
# Uitnodigingen en wachtwoordherstel (SPEC 12)
invitation-program = het co-sell-programma
invite-title = Iemand uitnodigen
invite-intro = Diegene krijgt een mail met een link om zelf een wachtwoord te kiezen. De link werkt één keer, { $days } dagen lang.
invite-submit = Uitnodiging versturen
invitations-pending = Nog niet aanvaarde uitnodigingen
invitations-none = Geen openstaande uitnodigingen.
invitation-invited-by = Uitgenodigd door
invitation-expires = Link geldig tot
invitation-revoke = Intrekken
flash-invitation-sent = Uitnodiging verstuurd. De link in de mail werkt één keer, 7 dagen lang.
flash-invitation-revoked = Uitnodiging ingetrokken: de link werkt niet meer.
flash-welcome = Welkom bij cosell. Uw account is klaar.
flash-password-reset = Uw wachtwoord is gewijzigd. Meld u ermee aan; elke andere sessie en API-token is beëindigd.
accept-title = Kies uw wachtwoord
accept-intro = { $inviter } heeft { $email } uitgenodigd met de rollen { $roles }. Kies een wachtwoord om uw account af te ronden.
accept-submit = Mijn account aanmaken
link-gone-title = Deze link werkt niet meer
link-gone-intro = Hij is al gebruikt, ingetrokken of verlopen. Vraag wie u uitnodigde om een nieuwe uitnodiging, of vraag een nieuwe wachtwoordlink aan.
forgot-link = Wachtwoord vergeten?
forgot-title = Wachtwoord vergeten
forgot-intro = Vul het e-mailadres van uw account in. Als het er een heeft, mailen we een link om een nieuw wachtwoord te kiezen; die werkt één keer, binnen een uur.
forgot-submit = Mail mij een link
forgot-sent-title = Kijk in uw mail
forgot-sent = Als { $email } een account heeft, is er een link onderweg om een nieuw wachtwoord te kiezen. Die werkt één keer, binnen een uur. Komt er niets? Controleer het adres en uw map met ongewenste mail, en vraag het opnieuw.
reset-title = Kies een nieuw wachtwoord
reset-intro = Voor { $email }. Elke sessie en elk API-token van dit account eindigt wanneer u het bewaart.
reset-submit = Nieuw wachtwoord bewaren
notice-invitation = U bent uitgenodigd voor cosell
notice-invitation-body = { $inviter } nodigt u uit voor { $organization } in het co-sell-portaal, als { $roles }. Kies uw wachtwoord met de link hieronder; die werkt één keer, tot { $until }.
notice-invitation-why = Iemand met toegang tot het portaal heeft uw adres ingevuld. Verwachtte u dit niet, negeer dan deze mail.
notice-password_reset = Kies een nieuw cosell-wachtwoord
notice-password_reset-body = Iemand heeft een nieuw wachtwoord gevraagd voor { $email }. Kies het met de link hieronder; die werkt één keer, binnen een uur. Elke sessie en elk API-token van het account eindigt dan.
notice-password_reset-why = Was u het niet, negeer dan deze mail: uw wachtwoord blijft zoals het is.
audit-kind-invitation_sent = Uitnodiging verstuurd
audit-kind-invitation_accepted = Uitnodiging aanvaard
audit-kind-invitation_revoked = Uitnodiging ingetrokken
audit-kind-password_reset = Wachtwoord hersteld
notice-lapse_forecast = { $offer }: { $status } vervalt op { $date }
notice-lapse_forecast-body = { $offer } toont nu { $status } en zakt op { $date } naar { $to }: { $reason } Grijp vóór die dag in om het te behouden.
notice-lapse_forecast-why = U bent co-sell-beheerder van deze organisatie; het portaal kijkt elke dag 30 dagen vooruit.
mail-kind-lapse_forecast = Een status vervalt binnen 30 dagen
forecast-cause-competency = de gold-competentie in { $area } verloopt op { $expires }.
forecast-cause-revenue = van { $from_month } tot { $to_month } zou de Azure-verbruiksomzet { $consumed } zijn en de gefactureerde marketplace-omzet { $billed }; een van beide moet { $threshold } halen.
forecast-not-imported = Maanden die nog niet zijn geïmporteerd tellen als nul.
forecast-title = Wat de komende 30 dagen verandert
forecast-none = Geen status vervalt de komende 30 dagen als er niets verandert.
audit-kind-lapse_forecast = Vervalvoorspelling

# The audit log's details, told again in words (web/audit_words.rs): one message per shape.
audit-solution-number = oplossing { $id }
audit-contacts = { $n ->
    [one] 1 contactpersoon
   *[other] { $n } contactpersonen
}
audit-bytes = { $n } bytes
audit-competency-until = { $area } tot { $date }
audit-detail-solution-created = Co-sell-oplossing begonnen voor de aanbieding { $offer }
audit-detail-saved-nothing = { $solution } opgeslagen zonder wijzigingen ({ $contacts })
audit-detail-saved = { $solution } opgeslagen: { $fields } gewijzigd ({ $contacts })
audit-detail-contacts-imported = { $solution }: contactpersonen geïmporteerd uit een CSV-bestand ({ $contacts })
audit-detail-new-draft = { $solution }: { $from } → Concept, door een bewerking van { $email }
audit-detail-submitted = { $solution }: { $from } → { $to } (versie { $version })
audit-detail-claimed = { $solution }: { $from } → { $to }, opgepakt door { $email }
audit-detail-approved = { $solution }: { $from } → { $to }, toegekend: { $status }
audit-detail-changes-requested = { $solution }: { $from } → { $to }. Reden: { $reason }
audit-detail-moved = { $solution }: { $from } → { $to }
audit-detail-document-uploaded = { $solution }: { $document } geüpload: { $file } ({ $size })
audit-detail-document-replaced = { $solution }: { $document } vervangen door { $file } ({ $size })
audit-detail-validation-passed = { $solution }: technische validatie { $percent } op Azure, geslaagd
audit-detail-validation-failed = { $solution }: technische validatie { $percent } op Azure, niet geslaagd
audit-detail-shown-lowered = { $solution }: getoonde status verlaagd van { $status_from } naar { $status_to } op { $date }
audit-detail-lapse-forecast = { $solution }: { $status_from } zakt naar { $status_to } op { $date } ({ $requirement }: { $fact })
audit-detail-offer-created = Aanbieding { $offer } aangemaakt ({ $type })
audit-detail-offer-moved = Aanbieding { $offer }: { $offer_from } → { $offer_to }
audit-detail-user-created = Gebruiker { $email } aangemaakt met de rollen { $roles }
audit-detail-user-created-cli = Gebruiker { $email } aangemaakt met de rollen { $roles } (op de opdrachtregel)
audit-detail-roles-changed = Rollen van { $email }: { $roles_from } → { $roles }
audit-detail-user-removed = Gebruiker { $email } verwijderd (rollen: { $roles })
audit-detail-password-changed = Wachtwoord van { $email } gewijzigd
audit-detail-password-reset = Wachtwoord opnieuw ingesteld via een gemailde link; elke sessie en API-token is beëindigd
audit-detail-sign-in-failed = Aanmelden mislukt voor { $email } vanaf { $address }
audit-detail-invitation-sent = Uitnodiging aan { $email } met de rollen { $roles }
audit-detail-invitation-revoked = Uitnodiging aan { $email } ingetrokken
audit-detail-invitation-accepted = { $email } heeft de uitnodiging van { $inviter } aangenomen, met de rollen { $roles }
audit-detail-revenue-imported = { $count } omzetregels geïmporteerd door { $email }
audit-detail-logo-uploaded = Logo geüpload: { $content_type }, { $width } × { $height } px, { $bytes } bytes
audit-detail-competencies-changed = Gold-competenties: { $competencies_from } → { $competencies }
audit-detail-organization-created = Organisatie { $organization } aangemaakt; { $facts }
audit-detail-facts-changed = { $facts }
