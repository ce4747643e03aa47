# Layout
skip-to-content = Skip to content
nav-label = Main navigation
menu = Menu
lang-switch = Language
sign-in = Sign in
sign-out = Sign out
footer = cosell, the co-sell partner portal
back-home = Back to the start page
error-code = Status code
error-request-id = Reference (quote it when you ask for help)
form-has-errors = Some fields need your attention. Nothing was saved; what you typed is kept below.
saved = Saved.
save = Save
view = View
choose = Choose…
yes = Yes
no = No
none = None
you = This is you
actions = Actions
filter = Filter
system = System
bytes = bytes
pager = Pages
pager-prev = Previous page
pager-next = Next page

# Navigation
nav-organizations = Organizations
nav-program-users = Program users
nav-audit = Audit log
nav-organization = Organization
nav-profile = Business profile
nav-users = Users
nav-account = My account

# Error page titles
error-title-400 = The request could not be used
error-title-401 = Please sign in
error-title-403 = Not allowed
error-title-404 = Not found
error-title-409 = Conflict
error-title-413 = Too large
error-title-415 = Wrong format
error-title-422 = Refused
error-title-429 = Too many attempts
error-title-500 = Something went wrong
error-title-503 = Temporarily unavailable

# Errors
err-unauthorized = Sign in first (or send a valid API token).
err-bad-credentials = The email address or password is not right.
err-forbidden = Your role does not allow this.
err-not-found = There is nothing here, or you cannot see it.
err-csrf = The form had expired or did not come from this site. Reload the page and try again.
err-throttled = Too many failed sign-in attempts. Wait 15 minutes and try again.
err-unavailable = The database did not answer. Nothing was changed; try again in a moment.
err-busy = The portal is busy with a large change (a revenue import, say). Nothing was saved; try again in a few seconds.
err-internal = Something went wrong on our side. Nothing was changed; try again, and tell the program team if it keeps happening.
err-body-too-large = The request is too large.
err-method = This action is not available here.
err-required = Fill this in.
err-too-long = At most { $max } characters.
err-date = Enter a date as YYYY-MM-DD.
err-date-range = Enter a date in the years { $from } to { $to }.
err-email = Enter an email address like name@example.com.
err-email-taken = An account with this email address exists already.
err-https-url = Enter a full address starting with https://, like https://www.example.com.
err-country = Choose a country or region from the list.
err-unknown-code = "{ $code }" is not one of the choices.
err-mpn-id = An MPN ID is 6 to 10 digits, nothing else.
err-mpn-id-taken = Another organization has this MPN ID already.
err-description-length = The description needs { $min } to { $max } characters; it has { $count }.
err-duplicate-area = "{ $code }" is listed twice; keep one row per competency area.
err-password-length = A password needs { $min } to { $max } characters.
err-current-password = This is not your current password.
err-roles-empty = Choose at least one role.
err-roles-mixed = Partner roles and program roles cannot be combined.
err-roles-partner-only = Users of an organization can only have partner roles (account admin, developer, manager, co-sell admin).
err-roles-program-only = Program users can only have program roles (reviewer, program admin, seller).
err-roles-lockout = You cannot take away your own administrator role.
err-file-missing = Choose a file to upload.
err-logo-empty = The file is empty.
err-logo-too-large = The logo is { $size } bytes; at most { $max } bytes (1 MiB) are allowed.
err-logo-format = The logo must be a PNG, JPEG or GIF image (judged by the file's content, not its name).
err-logo-unreadable = The image could not be read; it may be damaged.
err-logo-too-wide = The logo is { $width } px wide; at most { $max } px are allowed.

# Sign-in, home, account
login-title = Sign in
login-intro = Sign in with the email address and password of your cosell account.
field-email = Email address
field-password = Password
home-title = Welcome
home-roles = Your roles:
home-seller = Everything you can do is in the menu above.
account-title = My account
field-roles = Roles
password-title = Change password
password-intro = Changing your password signs you out everywhere else and revokes your API tokens.
field-current-password = Current password
field-new-password = New password
password-hint = 8 to 256 characters. A few unrelated words make a strong password.
password-submit = Change password
password-changed = Your password was changed. Other sessions and API tokens have ended.

# Organizations
orgs-title = Organizations
orgs-list = All organizations
orgs-empty = No organizations yet.
orgs-create = New organization
orgs-create-submit = Create organization
field-org-name = Name
field-mpn-id = MPN ID (partner ID)
hint-mpn-id = 6 to 10 digits, unique across organizations.
field-marketplace-account-active = Commercial marketplace account active
field-seller-account-active = Seller account active
field-partner-types = Partner types
field-isv-connect = Enrolled in ISV Connect on
hint-isv-connect = Leave empty when not enrolled.
not-enrolled = Not enrolled
facts-title = Program facts
facts-readonly = These facts mirror the program's own records; the program team keeps them up to date.
howto-mpn-id = Join the partner network to get an MPN ID, then ask the program team to record it.
howto-marketplace = Open a commercial marketplace account in Partner Center; the program team records it here.
howto-seller = Complete the seller (payout and tax) profile of your marketplace account.
howto-partner-types = Ask the program team to record whether you are an ISV, a services partner, or both.
howto-isv-connect = Dynamics 365 apps need ISV Connect enrollment; apply through the program.
howto-competency = Services solutions need an active gold competency in every area they cover.
competencies-title = Gold competencies
competencies-none = No gold competencies recorded.
competencies-hint = One row per area. Clear both cells of a row to remove it.
field-area = Competency area
field-expires-on = Expires on
active-until = active until
expired-on = expired on

# Business profile
profile-title = Business profile
profile-completeness = Completeness
profile-details = Details
profile-edit = Edit the business profile
profile-complete = The business profile is complete.
profile-incomplete = The business profile is not complete yet. Missing:
profile-field-company_name = Company name
profile-field-description = Description
profile-field-website = Website
profile-field-headquarters_country = Headquarters country
profile-field-industries = Industries
profile-field-contact_email = Contact email
profile-field-logo = Logo
hint-description = 50 to 2,500 characters: what your company does and for whom.
characters-now = Characters now:
hint-website = Your company website, starting with https://.
hint-logo = PNG, JPEG or GIF, at most 1 MiB and 300 px wide.
logo-none = No logo uploaded yet.
logo-alt = Logo of
logo-choose = Logo file
logo-upload = Upload logo

# Users
users-title = Users
users-none = No users yet.
roles-save = Save roles
user-remove = Remove

# Audit log
audit-org-filter = Organization
audit-org-any = Every organization
audit-empty = No entries.
audit-when = When
audit-who = Who
audit-org = Organization
audit-kind = Kind
audit-what = What

# Roles
role-account_admin = Account admin
role-developer = Developer
role-manager = Manager
role-cosell_admin = Co-sell admin
role-reviewer = Reviewer
role-program_admin = Program admin
role-seller = Seller
role-desc-account_admin = manages users and the business profile
role-desc-developer = creates, edits and publishes offers
role-desc-manager = a developer who also sees revenue
role-desc-cosell_admin = fills in co-sell solutions and submits them
role-desc-reviewer = works the review queue
role-desc-program_admin = runs the program: organizations, facts, revenue
role-desc-seller = searches the catalog of approved solutions

# Partner types
partner-type-isv = ISV (software)
partner-type-services = Services

# Industries
industry-agriculture = Agriculture
industry-automotive = Automotive
industry-defense_intelligence = Defense & Intelligence
industry-distribution = Distribution
industry-education = Education
industry-financial_services = Financial Services
industry-government = Government
industry-healthcare = Healthcare & Life Sciences
industry-hospitality_travel = Hospitality & Travel
industry-manufacturing = Manufacturing & Resources
industry-media_communications = Media & Communications
industry-nonprofit = Nonprofit & IGO
industry-energy = Power & Utilities
industry-professional_services = Professional Services
industry-public_safety = Public Safety & Justice
industry-retail = Retail & Consumer Goods
industry-sustainability = Sustainability
industry-other = Other / cross-industry

# Solution areas
solution-area-data_ai = Data & AI
solution-area-digital_app_innovation = Digital & App Innovation
solution-area-infrastructure = Infrastructure (Azure)
solution-area-security = Security
solution-area-modern_work = Modern Work
solution-area-business_applications = Business Applications

# Offers and solutions: errors
err-stores-empty = Choose at least one store.
err-areas-services-only = Only consulting and managed services offers list competency areas.
err-too-many-areas = Choose at most { $max } solution areas; { $count } are chosen.
err-pitch-length = The pitch may have at most { $max } characters; it has { $count }.
err-contact-geography = "{ $code }" is not one of the solution's geographies; add it to the solution first, or use OOO for all of them.
err-contact-geographies-empty = Name the geographies this contact covers (OOO for all).
err-too-many-contacts = At most { $max } contacts.
err-csv-unreadable = The file is not readable CSV.
err-csv-header = The first line must be the header name,email,job_title,role,geographies.
err-csv-columns = This line does not have the 5 columns of the header.
csv-line = Line { $line }, { $field }: { $message }
csv-refused = Nothing was imported: fix these lines and upload the file again.
err-publish-seller = The organization's seller account is not active, so the offer cannot be published. Ask the program team once the seller account is set up.
err-publish-live = The offer is live already.
err-stop-not-live = Only a live offer can be stopped.
err-offer-changed = The offer changed meanwhile; reload the page.
err-solution-changed = The solution changed meanwhile (someone saved it, or a reviewer acted on it); reload the page and try again.
err-solution-exists = This offer has a co-sell solution already; open it from the offer's page.
err-upload-raced = Another upload of this document came first. Nothing of yours was kept; upload it again.
err-exists = This exists already. Nothing was changed.
err-stale-version = Someone saved this page after you opened it. Your changes were not saved; they are still below. Open the page again in a new tab to see the newer version, then save again.
err-storage = The document storage did not answer. Nothing was changed; try again in a moment.

# Documents: errors
err-doc-too-large = The file is larger than { $mib } MiB ({ $max } bytes), the limit for this kind of document.
err-doc-unreadable = The file could not be read.
err-doc-empty = The file is empty.
err-doc-format = This kind of document must be { $allowed } (judged by the file's content, not its name); this file is { $found }.
err-doc-pdf = The PDF could not be read: it is damaged, truncated or encrypted.
err-doc-pages = The PDF has { $pages } pages; at most { $max } are allowed.
err-doc-zip = The file looks like a ZIP package but could not be read.
err-doc-zip-entries = The package holds { $count } files; at most { $max } are allowed.
err-doc-no-slides = The pitch deck has no slides: its presentation lists none. Add at least one slide and upload it again.
err-doc-zip-size = The package unpacks to more than { $max } bytes, more than is allowed.
err-doc-office = The package is not a Word, Excel, PowerPoint or Visio document.
err-doc-image = The image could not be read; it may be damaged.

# Offers
nav-offers = Offers
offers-title = Offers
offers-empty = No offers yet.
offers-create = New offer
offers-create-submit = Create offer
offer-details = Offer details
offer-publish = Publish
offer-stop = Stop (take down)
field-offer-name = Offer name
field-offer-type = Offer type
field-stores = Stores
field-transactable = Transactable (the marketplace bills for it)
field-competency-areas = Competency areas
hint-competency-areas = Services offers only (consulting, managed services): the areas the service covers.
field-state = State
store-azure_marketplace = Azure Marketplace
store-appsource = AppSource
offer-state-draft = Draft
offer-state-in_certification = In certification
offer-state-live = Live
offer-state-stopped = Stopped
offer-state-help-draft = Not published yet. Publishing needs an active seller account.
offer-state-help-in_certification = Being certified by the marketplace.
offer-state-help-live = Live in the marketplace: customers can find it.
offer-state-help-stopped = Taken down. Publish it again to make it live.
offer-publish-who = Only a { $roles } can publish this offer: { $people }. Ask them; the checklist follows once it is live.
offer-publish-nobody = Only a { $roles } can publish this offer, and nobody in your organization has that role yet. An account admin gives it on the Users page.
offer-type-azure_application = Azure Application
offer-type-azure_container = Azure Container
offer-type-azure_virtual_machine = Azure Virtual Machine
offer-type-iot_edge_module = IoT Edge Module
offer-type-saas = Software as a Service (SaaS)
offer-type-dynamics_365_dataverse_power_apps = Dynamics 365 apps on Dataverse and Power Apps
offer-type-dynamics_365_operations_apps = Dynamics 365 Operations Apps
offer-type-dynamics_365_business_central = Dynamics 365 Business Central
offer-type-power_bi_app = Power BI App
offer-type-consulting_service = Consulting Service
offer-type-managed_service = Managed Service
offer-type-office_add_in = Office Add-in
offer-type-teams_app = Teams App
offer-type-sharepoint_solution = SharePoint Solution

# Co-sell solution page
solution-title = Co-sell solution
solution-open = Open the co-sell solution
solution-start = Start the co-sell solution
solution-sections = Parts of the solution
solution-page = Solution page
field-review-state = Review
review-state-draft = Draft
review-state-submitted = Submitted
review-state-in_review = In review
review-state-approved = Approved
review-state-changes_requested = Changes requested
review-state-withdrawn = Withdrawn
version = Version
field-geographies = Geographies
hint-geographies = The countries and regions the solution is sold in; at least one.
geo-filter = Find a country or region
listing-title = Listing details
field-solution-areas = Solution areas
hint-solution-areas = One to five.
field-target-industries = Target industries
field-customer-sizes = Target customer size
customer-size-smb = Small and medium business
customer-size-corporate = Corporate
customer-size-enterprise = Enterprise
field-pitch = Short pitch
characters = characters
field-landing-page = Product landing page (optional)
hint-landing-page = A full address starting with https://.
contacts-title = Sales contacts
hint-contacts = Every chosen geography needs at least one partner sales contact.
field-contact-name = Name
field-job-title = Job title (optional)
field-contact-role = Role
field-contact-geographies = Geographies covered
hint-contact-geographies = Country codes separated by commas (NL, DE), or OOO for all of the solution's geographies.
contact-remove = Remove
contact-add = Add a contact
contact-role-partner_sales = Partner sales
contact-role-partner_marketing = Partner marketing
contact-role-partner_technical_sales = Partner technical sales
contact-role-customer_success = Customer success
contacts-csv = Contacts as CSV
contacts-export = Download the contacts (CSV)
contacts-import-file = CSV file to import
hint-contacts-csv = Header name,email,job_title,role,geographies; geographies comma-separated inside quotes. The import replaces all contacts, and only when every line is valid.
contacts-import = Import contacts
contacts-imported = Contacts imported:

# Documents
documents-title = Documents
documents-intro = Upload each document once; uploading again replaces it and keeps the older version in the history. Files are judged by their content, not their name.
documents-manage = Upload and manage documents
document-kind-one_pager = One-pager
document-kind-pitch_deck = Pitch deck
document-kind-reference_architecture = Reference architecture diagram
document-kind-case_study = Case study
document-kind-customer_win = Customer win
document-kind-channel_pitch_deck = Channel pitch deck
document-kind-other = Other
document-need-one_pager = required for co-sell ready
document-need-pitch_deck = required for co-sell ready
document-need-reference_architecture = required for the Azure IP co-sell incentive
document-need-case_study = optional
document-need-customer_win = optional
document-need-channel_pitch_deck = optional
document-need-other = optional
document-formats = Formats:
document-limit = at most
document-max-pages = at most { $n ->
    [one] 1 page
   *[other] { $n } pages
}
document-template = Download our template
document-current = Current:
document-missing = not uploaded yet
document-uploaded = Uploaded.
document-replace = Replace with a new file
document-choose = File to upload
document-drop = Or drop a file here.
document-progress = Upload progress
document-upload = Upload
document-history = Earlier versions
document-file = File
document-size = Size (bytes)
document-pages-slides = Pages / slides
pages = { $n ->
    [one] 1 page
   *[other] { $n } pages
}
slides = { $n ->
    [one] 1 slide
   *[other] { $n } slides
}

# Status engine
status-marketplace = Not co-sell ready
status-co_sell_ready = Co-sell ready
status-azure_ip_co_sell = Azure IP co-sell incentive
status-bizapps_co_sell = Business Applications co-sell incentive
group-co_sell_ready = Co-sell ready
group-azure_ip_co_sell = Azure IP co-sell incentive
req-state-met = Met
req-state-unmet = Not met yet
req-state-not_applicable = Does not apply
req-offer_type_eligible-met = The offer type can be co-sold.
req-offer_type_eligible-unmet = { $type } offers are never eligible for co-sell: Office apps and add-ins are excluded by the program.
req-mpn_account-met = The organization has an MPN ID and an active commercial marketplace account.
req-mpn_account-no-mpn = The organization has no MPN ID recorded. Join the partner network and ask the program team to record the ID.
req-mpn_account-no-marketplace = The commercial marketplace account is not active. Open it in Partner Center; the program team records it.
req-business_profile-met = The business profile is complete.
req-business_profile-unmet = The business profile is not complete. Fill in: { $missing }.
req-offer_live-met = The offer is live in the marketplace.
req-offer_live-unmet = The offer is not live. Publish it (this needs an active seller account).
req-sales_contacts-no-geographies = No geography is chosen. Choose the countries and regions the solution is sold in.
req-sales_contacts-met = Every chosen geography ({ $count }) has a partner sales contact.
req-sales_contacts-unmet = These geographies have no partner sales contact yet: { $geographies }. Add one (OOO covers all).
req-listing_details-met = Solution areas, industries, customer size and pitch are filled in.
req-listing_details-unmet = Fill in the listing details: one to five solution areas, at least one industry and customer size, and the pitch.
req-one_pager-met = A valid one-pager is uploaded.
req-one_pager-unmet = Upload the one-pager (PDF, at most 2 pages). A template is on the documents page.
req-pitch_deck-met = A valid pitch deck is uploaded.
req-pitch_deck-unmet = Upload the pitch deck (PDF or PPTX). A template is on the documents page.
req-gold_competency-na = Applies to services solutions only.
req-gold_competency-no-areas = The services offer lists no competency area. Add the areas it covers to the offer.
req-gold_competency-met = The organization holds an active gold competency in every area the offer covers.
req-gold_competency-unmet = No active gold competency in: { $areas }. Earn or renew it; the program team records it.
req-isv_connect-na = Applies to Dynamics 365 apps on Dataverse and Power Apps, and Dynamics 365 Operations Apps only.
req-isv_connect-met = Enrolled in ISV Connect since { $date }.
req-isv_connect-later = The ISV Connect enrollment starts on { $date }, after this date.
req-isv_connect-unmet = The organization is not enrolled in ISV Connect. Enroll through the program.
req-azure-ip-na = Applies to Azure applications, containers, virtual machines, IoT Edge modules and SaaS offers only.
req-revenue_threshold-consumed = Azure consumed revenue from { $from } to { $to } is { $consumed }, at least { $threshold }.
req-revenue_threshold-billed = Marketplace billed revenue of this offer from { $from } to { $to } is { $billed }, at least { $threshold }.
req-revenue_threshold-unmet = From { $from } to { $to }: Azure consumed { $consumed }, marketplace billed { $billed }. One of them (not both together) must reach { $threshold }.
req-revenue_threshold-unmet-listing = Azure consumed revenue from { $from } to { $to } is { $consumed }; it must reach { $threshold }. Billed revenue counts only for transactable offers.
req-technical_validation-met = A reviewer recorded { $percent } of the infrastructure on Azure: passed.
req-technical_validation-failed = A reviewer recorded { $percent } on Azure; more than 50% is needed. Move more of the infrastructure to Azure and ask for a new validation.
req-technical_validation-default = Transactable Azure virtual machine and application offers pass technical validation by default.
req-technical_validation-unmet = No technical validation is recorded yet. A reviewer checks that more than 50% of the infrastructure runs repeatable IP code on Azure.
req-reference_architecture-met = A valid reference architecture diagram is uploaded.
req-reference_architecture-unmet = Upload a reference architecture diagram (PDF, PNG, JPEG, SVG or VSDX).

# Revenue import
err-revenue-header = The first line must be the header mpn_id,month,kind,amount_usd,offer_id.
err-revenue-mpn = No organization has this MPN ID.
err-revenue-month = Give the month as YYYY-MM.
err-revenue-kind = The kind is azure_consumed or marketplace_billed.
err-revenue-amount = Give the amount in US dollars with at most two decimals, like 1234.56.
err-revenue-offer-not-allowed = azure_consumed is organization revenue: leave offer_id empty.
err-revenue-offer-required = marketplace_billed needs the offer_id.
err-revenue-offer-unknown = This organization has no offer with this id.
err-revenue-duplicate = This line repeats line { $first } (same organization, offer, month and kind).
err-percent = Give a percentage from 0 to 100, with at most two decimals.

# Checklist and technical validation
checklist-title = Co-sell checklist
checklist-today = Evaluated today
checklist-on = What if: evaluated on
checklist-fix = Fix this
checklist-what-if = Show the checklist on another date
checklist-show = Show
validation-title = Technical validation
validation-none = No technical validation recorded.
validation-passed = Passed:
validation-failed = Not passed:
validation-on-azure = of the infrastructure on Azure
field-percent-on-azure = Percent of the infrastructure using repeatable IP code on Azure
hint-percent-on-azure = 0 to 100, up to two decimals (72.5 or 72,5). Strictly more than 50 passes.
field-validation-note = Note
validation-record = Record the validation
err-upload-waiting-for-review = This solution is waiting for review. Uploading a document takes it out of the review queue and makes it a draft again: tick the box above the button to do so, or keep it in review.
documents-waiting = This solution is waiting for review. Adding or replacing a document takes it out of the review queue and makes it a draft again; you then submit it again. Each upload below asks you to confirm this first.
document-leave-review = Yes, take the solution out of review with this upload
document-upload-and-withdraw = Upload and withdraw from review
validation-record-in-review = Record the technical validation on the review page
validation-none-partner = No technical validation recorded yet. The program's reviewers record it after you submit the solution: they check how much of the solution's infrastructure runs repeatable IP code on Azure (more than 50% passes). Meanwhile, make sure the reference architecture among your documents shows the Azure services the solution uses, then submit the solution.

# Dashboard and revenue
nav-dashboard = Dashboard
nav-revenue = Revenue
nav-revenue-import = Revenue import
dashboard-title = Co-sell dashboard
dashboard-empty = No co-sell solutions yet. Start one from an offer:
dashboard-status = Status
dashboard-progress = Requirements met
dashboard-next = Next thing to do
dashboard-all-met = Everything that applies is met.
revenue-title = Revenue
revenue-window = Trailing 12 months:
revenue-window-hint = The checklist counts these 12 complete calendar months before this month. Azure consumed and marketplace billed revenue are never added together; billed revenue counts only for transactable offers.
revenue-months = Per month
revenue-none = No revenue recorded.
revenue-month = Month
revenue-kind = Kind
revenue-offer = Offer
revenue-amount = Amount
revenue-counts = In the window
revenue-kind-azure_consumed = Azure consumed
revenue-kind-marketplace_billed = Marketplace billed
revenue-import-title = Import revenue
revenue-import-file = Revenue CSV file
revenue-import-help = One row per organization, month and kind. The whole file is checked first: if any line is wrong, nothing is imported and the error names the line and the field. Importing the same file again changes nothing; a row replaces an earlier one for the same organization, offer, month and kind.
revenue-import-submit = Import
revenue-imported-count = { $n ->
    [one] One row imported.
   *[other] { $n } rows imported.
}
revenue-imported-rows = What was imported
revenue-line = Line
autosave-on = Changes are saved as you go.
autosave-saved = Saved at
autosave-not-saved = Not saved yet:
err-reason-required = Give the reason; the partner sees it on the solution page.

# Review (partner side)
review-title = Review
review-reason = The reviewer asks for changes:
review-refused = The automated review found requirements that are not met yet: { $ids }. The checklist says what to do; nothing was submitted.
review-submit = Submit for review
review-withdraw = Withdraw from review
review-help-draft = When every co-sell ready requirement is met, submit the solution; a reviewer checks it.
review-help-submitted = Waiting for a reviewer. Editing takes it out of the queue.
review-help-in_review = A reviewer is checking it. Editing takes it out of the review.
review-help-approved = Approved. Editing starts a new draft; the catalog keeps this approved version until the next approval.
review-help-changes_requested = Make the changes and submit again.
review-help-withdrawn = Withdrawn. Edit and submit again when ready.

# Review (reviewer side)
nav-review = Review queue
queue-title = Review queue
queue-empty = No solution is waiting for review.
queue-status-sought = Status sought
queue-waiting = Waiting
queue-claimed = Claimed by
queue-claim = Claim
waited-days = { $d } d { $h } h
waited-hours = { $h } h { $m } min
waited-minutes = { $m } min
queue-sort = Order
queue-sort-waiting = Waiting longest first
queue-sort-status = Status sought
queue-sort-organization = Organization
queue-claim-next = Claim and open the next
queue-claim-next-hint = Claims the first unclaimed solution in this order and opens its review.
flash-nothing-to-claim = Nothing is waiting to be claimed here: every solution in this list is claimed.
all = All
review-page-title = Review
review-submitted = As submitted
review-diff = Changes since the last approved revision
review-diff-first = Never approved before: everything is new.
review-field = Field
review-before = Approved
review-after = Submitted
review-changed = changed
review-decision = Decision
review-approve = Approve
review-reason-label = Reason for the partner (required to request changes)
review-request-changes = Request changes

# Catalog
nav-catalog = Catalog
catalog-title = Co-sell catalog
catalog-search = Words in the name or pitch
catalog-status = Status shown
catalog-find = Find
catalog-none = No approved solution matches.
catalog-approved = Approved on
catalog-contacts = Sales contacts per geography
catalog-collateral = Collateral
comments-title = Reviewers' comments
comments-internal = Internal: partners never see these.
comments-none = No comments yet.
comments-add = Add a comment
comments-submit = Add comment
audit-user-filter = User (email)
audit-from = From
audit-to = Until (inclusive)
err-control-character = “{ $field }” contains a control character (such as a NUL byte or a tab) that cannot be kept here; remove it and try again.
err-paging = “{ $field }” takes a whole number from 1 to { $max }.
err-unstorable = Part of the input cannot be stored (a control character, or a number out of range). Nothing was changed.
err-waiting-for-review = This solution is waiting for review. Saving a change takes it out of the review queue and makes it a draft again; confirm below to do so, or keep it in review.
save-and-withdraw = Save and withdraw from review…
leave-review-confirm = Yes, save and withdraw from review
leave-review-cancel = Keep it in review (these changes are dropped)
autosave-off-waiting = Autosave is off while the solution waits for review.
approved-edit-note = Saving starts a new draft; the catalog keeps showing the approved version until the new one is approved.
flash-saved = Saved.
flash-saved-withdrawn = Saved. The solution is out of the review queue and a draft again; submit it when it is ready.
flash-submitted = Submitted for review. A reviewer will pick it up from the queue; the state below changes when they do.
flash-withdrawn = Withdrawn from review. Edit it and submit it again when it is ready.
flash-validation-recorded = Technical validation recorded.
flash-contacts-imported = { $n ->
    [one] Imported one contact; it replaces the earlier list.
   *[other] Imported { $n } contacts; they replace the earlier list.
}
flash-offer-created = Offer created as a draft. Publish it when it is ready.
flash-offer-published = Published: the offer is live on the marketplace.
flash-offer-stopped = Stopped: the offer is no longer sold on the marketplace.
flash-solution-started = Co-sell solution started. Fill in the page; the checklist shows what is still missing.
flash-profile-saved = Business profile saved.
flash-logo-saved = Logo saved.
flash-competencies-saved = Competencies saved.
flash-organization-saved = Organization saved.
flash-organization-created = Organization created.
flash-password-changed = Password changed. Your other sessions were signed out.
flash-user-removed = User removed; their sessions and API tokens no longer work.
flash-roles-changed = Roles changed.
confirm-title = Please confirm
confirm-cancel = Cancel, change nothing
confirm-stop-offer = Stop selling “{ $name }” on the marketplace? The offer leaves the marketplace at once, and its co-sell solution no longer counts as live. You can publish it again later.
confirm-stop-offer-button = Yes, stop the offer
confirm-withdraw = Withdraw “{ $name }” from review? It leaves the review queue (a reviewer working on it stops) and can be edited again; submit it again when it is ready.
confirm-withdraw-button = Yes, withdraw from review
confirm-remove-user = Remove { $email }? Their sign-in, sessions and API tokens stop working at once. This cannot be undone, though the account can be created again.
confirm-remove-user-button = Yes, remove this user
or = or
forbidden-needs = This needs the role
forbidden-holders = In your organization, these people have it; ask one of them, or ask an account admin for the role:
forbidden-nobody = Nobody in your organization has this role yet; an account admin can give it on the users page.
solution-read-only = You can read this page but not change it: only a { $roles } edits the co-sell solution. In your organization that is { $people }.
solution-read-only-nobody = You can read this page but not change it: only a { $roles } edits the co-sell solution, and nobody in your organization has that role yet; an account admin can give it on the users page.
solution-read-only-program = The partner's co-sell admins edit this page; the program side reads it, and reviewers record the technical validation below.
story-label = Status
story-not-ready = Not approved yet, so sellers do not see it, and the facts do not support co-sell ready yet: the checklist says what is missing.
story-not-approved = Not approved yet, so sellers do not see it. The facts support { $supported } today: submit the solution to have it reviewed.
story-waiting = Waiting for review, so sellers do not see it yet. The facts support { $supported } today; the reviewer's approval awards it.
story-holds = Approved as { $awarded }, and the facts still support it.
story-better = Approved as { $awarded }. The facts now support { $supported }: submit the changes to have that approved.
story-lowered = Approved as { $awarded }, but shown as { $shown } because a requirement is no longer met: the checklist says which.
audit-kind-solution_saved = Solution saved
audit-kind-contacts_changed = Contacts imported
audit-kind-document_uploaded = Document uploaded
audit-kind-document_replaced = Document replaced
audit-kind-solution_created = Solution started
audit-kind-solution_submitted = Submitted for review
audit-kind-solution_withdrawn = Withdrawn from review
audit-kind-withdrawn_by_edit = Withdrawn from review by an edit
audit-kind-new_draft = New draft of an approved solution
audit-kind-solution_claimed = Claimed by a reviewer
audit-kind-solution_approved = Approved
audit-kind-changes_requested = Changes requested
audit-kind-technical_validation = Technical validation recorded
audit-kind-offer_created = Offer created
audit-kind-offer_published = Offer published
audit-kind-offer_stopped = Offer stopped
audit-kind-organization_created = Organization created
audit-kind-program_facts_changed = Program facts changed
audit-kind-competencies_changed = Competencies changed
audit-kind-logo_uploaded = Logo uploaded
audit-kind-revenue_imported = Revenue imported
audit-kind-user_created = User created
audit-kind-role_change = Roles changed
audit-kind-user_removed = User removed
audit-kind-password_changed = Password changed
audit-kind-sign_in_failed = Sign-in failed
audit-kind-shown_status_lowered = Shown status lowered
audit-kind-any = Any kind
audit-group = { $n } entries by the same person on this solution within 10 minutes; the newest:
audit-since = since
req-name-offer_type_eligible = an offer type that can be co-sold
req-name-mpn_account = a Partner ID with an active marketplace account
req-name-business_profile = a complete business profile
req-name-offer_live = a live offer
req-name-sales_contacts = a partner sales contact for every geography
req-name-listing_details = the listing details
req-name-one_pager = a one-pager
req-name-pitch_deck = a pitch deck
req-name-gold_competency = a gold competency
req-name-isv_connect = ISV Connect enrollment
req-name-revenue_threshold = the revenue threshold
req-name-technical_validation = a passed technical validation
req-name-reference_architecture = a reference architecture
table-region = Table; on a narrow screen it scrolls sideways
jump-to-checklist = Go to the checklist
checklist-summary = { $met } of { $applicable } co-sell-ready requirements met
revenue-check-submit = Check the file
revenue-check-title = What this import would change
revenue-check-rows = { $n ->
    [one] One row, checked and valid. Nothing is imported yet.
   *[other] { $n } rows, checked and valid. Nothing is imported yet.
}
revenue-check-org-rows = { $n ->
    [one] one row
   *[other] { $n } rows
}
revenue-check-no-change = No co-sell solution's status would change today.
revenue-check-changes = Co-sell solutions whose status would change today
revenue-check-supported = What the facts support
revenue-check-import = { $n ->
    [one] Import this row
   *[other] Import these { $n } rows
}
autosave-partly = Saved what was valid; the rest is kept as your draft until you fix it:
autosave-kept = Not saved yet, but kept as your draft (it comes back when you return) until you fix it:
autosave-stale-kept = Not saved: someone saved this page after you opened it. What you typed is kept as your draft; open the page again to see both.
draft-notice = This form shows what you typed on { $at } that could not be saved yet, with what is wrong next to each field. Fix it and it is saved; or discard it to see what is stored.
draft-discard = Discard my draft
flash-draft-discarded = Your draft is discarded; the form shows what is stored.
month-1 = Jan
month-2 = Feb
month-3 = Mar
month-4 = Apr
month-5 = May
month-6 = Jun
month-7 = Jul
month-8 = Aug
month-9 = Sep
month-10 = Oct
month-11 = Nov
month-12 = Dec

# Review page: the decision panel, kept words, the diff in words
review-approve-hint = Awards the status the checklist shows now and publishes this revision in the catalog.
review-approve-awards = Approving now awards the status { $status }.
review-doc-replaced = replaced since the last approval
review-doc-none = No document
review-request-hint = The partner reads this reason on the solution page and in the checklist.
review-claim-hint = Claim it first: the partner then sees that a reviewer is checking it, and nobody else takes it.
review-kept-hint = What you type here is kept for you until you send it, even if you leave the page.
review-kept = Kept.
review-kept-failed = Not kept yet: check your connection; your text stays in the box.
review-added = Added:
review-removed = Removed:
review-order-only = Only the order differs from the approved revision.
flash-claimed = Claimed: the solution is yours to review.
flash-approved = Approved: the solution is in the catalog with the status it has today.
flash-changes-requested = Changes requested: the partner sees your reason on the solution page.
flash-comment-added = Comment added.

# Documents page: required kinds first, optional ones compact
documents-required-title = Required for this solution
documents-optional-title = Optional documents
documents-optional-hint = None of these is needed for a status of this solution; they help sellers present it.
document-in-place = uploaded
document-none-yet = none yet
document-add-optional = Add one
document-required-for-co_sell_ready = Required for co-sell ready.
document-required-for-azure_ip_co_sell = Required for the Azure IP co-sell incentive.
document-drop-starts = Or drop a file here: the upload starts at once.
document-too-large-here = This file is larger than this kind allows. Nothing was sent.
document-wrong-type-here = This file is not in one of the formats this kind takes. Nothing was sent.
document-upload-failed = The upload did not get through: check your connection and try again.

# Preview as seller
preview-title = Preview as seller
preview-intro = Sellers find approved solutions in the co-sell catalog. Here is this page as its entry would read once approved, beside what sellers see today.
preview-next = This page once approved
preview-not-approved = not yet approved
preview-status-hint = The status the checklist supports today; the reviewer's approval awards it.
preview-now = What sellers see now
preview-not-in-catalog = Not in the catalog yet: sellers find this solution after its first approval.
preview-unchanged = Nothing here waits for an approval: sellers see this page as it is.

# Catalog: counts, logos, export
csv-offer = Offer
csv-organization = Organization
csv-link = Link
catalog-count = { $n ->
    [one] One solution matches.
   *[other] { $n } solutions match.
}
catalog-export = Download these results (CSV)
catalog-logo = Logo of { $name }

## The API reference page (/api/docs)
api-docs-title = API reference
api-docs-json = The OpenAPI document (JSON)
api-docs-noscript = This reference needs JavaScript. The OpenAPI document itself is linked above.

## Notifications and mail (SPEC 12)
nav-notifications = Notifications
notifications-title = Notifications
notifications-unread = { $n ->
    [one] 1 unread
   *[other] { $n } unread
}
notifications-empty = Nothing to tell you yet. You will find here what happens to your solutions and reviews.
notifications-mark-all = Mark all as read
notifications-mark-read = Mark as read
notifications-open = Open
notifications-new = New
notifications-when = When
notice-solution_submitted = { $offer } was submitted for review
notice-solution_submitted-body = The co-sell solution of { $offer } is waiting in the review queue.
notice-solution_submitted-why = You review co-sell solutions.
notice-solution_claimed = { $offer } is being reviewed
notice-solution_claimed-body = { $reviewer } has started the review of { $offer }.
notice-solution_claimed-why = You are a co-sell admin of this organization.
notice-solution_approved = { $offer } was approved
notice-solution_approved-body = The co-sell solution of { $offer } was approved with the status { $status }. Sellers find it in the catalog.
notice-solution_approved-why = You are a co-sell admin of this organization.
notice-changes_requested = Changes requested for { $offer }
notice-changes_requested-body = The reviewer asks for changes to { $offer }: { $reason }
notice-changes_requested-why = You are a co-sell admin of this organization.
notice-shown_status_lowered = { $offer } now shows { $to }
notice-shown_status_lowered-body = The catalog showed { $offer } as { $from }; its facts now support { $to }. Open the checklist to see what is missing.
notice-shown_status_lowered-why = You are a co-sell admin of this organization.
notice-revenue_imported = Revenue imported
notice-revenue_imported-body = Revenue rows of your organization imported: { $rows }. The checklists count them from now on.
notice-revenue_imported-why = You are a manager of this organization.
mail-open = Open the page
mail-turn-off = You can turn these mails off on your account page
mail-kind-solution_submitted = A solution was submitted for review
mail-kind-solution_claimed = A reviewer started reviewing a solution
mail-kind-solution_approved = A solution was approved
mail-kind-changes_requested = Changes were requested
mail-kind-shown_status_lowered = A shown status was lowered
mail-kind-revenue_imported = Revenue was imported
outbox-title = Outbox
outbox-intro = Every mail the portal sends, newest first. Without SMTP_URL mails are not sent but written to the log and kept here. Links to choose a new password are never shown here: without SMTP_URL only the server's log has them.
outbox-empty = No mail yet.
outbox-to = To
outbox-subject = Subject
outbox-created = Created
outbox-state = State
outbox-sent = Sent { $at }
outbox-logged = Written to the log { $at }
outbox-waiting = Waiting
outbox-retrying = Try { $attempts } failed: { $error }. Next try { $at }.
nav-outbox = Outbox
flash-notifications-read = All notifications are marked as read.
flash-mails-saved = Your mail choices are saved.
mails-title = Mails
mails-intro = The portal tells you by mail when something happens that concerns you. Untick what you do not want by mail; it stays under Notifications. Invitations and password resets always come by mail.
mails-none = Your roles get no mails about events.
mails-language = Mails and notifications come in { $language }, the language you last chose with the switch at the top.
mails-submit = Save mail choices
outbox-body = The mail
language-en = English
language-nl = Dutch
# Invitations and password reset (SPEC 12)
invitation-program = the co-sell program
invite-title = Invite someone
invite-intro = They get a mail with a link to choose their own password. The link works once, for { $days } days.
invite-submit = Send invitation
invitations-pending = Invitations not yet accepted
invitations-none = No open invitations.
invitation-invited-by = Invited by
invitation-expires = Link valid until
invitation-revoke = Revoke
flash-invitation-sent = Invitation sent. The link in the mail works once, for 7 days.
flash-invitation-revoked = Invitation revoked: its link no longer works.
flash-welcome = Welcome to cosell. Your account is ready.
flash-password-reset = Your password is changed. Sign in with it; every other session and API token has ended.
accept-title = Choose your password
accept-intro = { $inviter } invited { $email } with the roles { $roles }. Choose a password to finish your account.
accept-submit = Create my account
link-gone-title = This link no longer works
link-gone-intro = It was used already, revoked, or it has expired. Ask the person who invited you for a new invitation, or ask for a new password link.
forgot-link = Forgot your password?
forgot-title = Forgot your password
forgot-intro = Enter the email address of your account. If it has one, we mail a link to choose a new password; it works once, within an hour.
forgot-submit = Mail me a link
forgot-sent-title = Check your mail
forgot-sent = If { $email } has an account, a link to choose a new password is on its way. It works once, within an hour. Nothing arrives? Check the address and your spam folder, then ask again.
reset-title = Choose a new password
reset-intro = For { $email }. Every session and API token of this account ends when you save it.
reset-submit = Save new password
notice-invitation = You are invited to cosell
notice-invitation-body = { $inviter } invites you to { $organization } on the co-sell portal, as { $roles }. Choose your password with the link below; it works once, until { $until }.
notice-invitation-why = Someone with access to the portal entered your address. If you did not expect this, ignore this mail.
notice-password_reset = Choose a new cosell password
notice-password_reset-body = Someone asked for a new password for { $email }. Choose it with the link below; it works once, within an hour. Every session and API token of the account ends then.
notice-password_reset-why = If it was not you, ignore this mail: your password stays as it is.
audit-kind-invitation_sent = Invitation sent
audit-kind-invitation_accepted = Invitation accepted
audit-kind-invitation_revoked = Invitation revoked
audit-kind-password_reset = Password reset
notice-lapse_forecast = { $offer }: { $status } drops on { $date }
notice-lapse_forecast-body = { $offer } shows { $status } now and drops to { $to } on { $date }: { $reason } Act before then to keep it.
notice-lapse_forecast-why = You are a co-sell admin of this organization; every day the portal looks 30 days ahead.
mail-kind-lapse_forecast = A status will drop within 30 days
forecast-cause-competency = the gold competency in { $area } expires on { $expires }.
forecast-cause-revenue = from { $from_month } to { $to_month } Azure consumed revenue would be { $consumed } and marketplace billed { $billed }; one of them must reach { $threshold }.
forecast-not-imported = Months not yet imported count as zero.
forecast-title = Ahead in the next 30 days
forecast-none = No status will drop in the next 30 days if nothing changes.
audit-kind-lapse_forecast = Lapse forecast

# The audit log's details, told again in words (web/audit_words.rs): one message per shape.
audit-solution-number = solution { $id }
audit-contacts = { $n ->
    [one] 1 contact
   *[other] { $n } contacts
}
audit-bytes = { $n } bytes
audit-competency-until = { $area } until { $date }
audit-detail-solution-created = Co-sell solution started for the offer { $offer }
audit-detail-saved-nothing = { $solution } saved without changes ({ $contacts })
audit-detail-saved = { $solution } saved: { $fields } changed ({ $contacts })
audit-detail-contacts-imported = { $solution }: contacts imported from a CSV file ({ $contacts })
audit-detail-new-draft = { $solution }: { $from } → Draft, by an edit of { $email }
audit-detail-submitted = { $solution }: { $from } → { $to } (version { $version })
audit-detail-claimed = { $solution }: { $from } → { $to }, claimed by { $email }
audit-detail-approved = { $solution }: { $from } → { $to }, awarded { $status }
audit-detail-changes-requested = { $solution }: { $from } → { $to }. Reason: { $reason }
audit-detail-moved = { $solution }: { $from } → { $to }
audit-detail-document-uploaded = { $solution }: { $document } uploaded: { $file } ({ $size })
audit-detail-document-replaced = { $solution }: { $document } replaced by { $file } ({ $size })
audit-detail-validation-passed = { $solution }: technical validation { $percent } on Azure, passed
audit-detail-validation-failed = { $solution }: technical validation { $percent } on Azure, not passed
audit-detail-shown-lowered = { $solution }: shown status lowered from { $status_from } to { $status_to } on { $date }
audit-detail-lapse-forecast = { $solution }: { $status_from } drops to { $status_to } on { $date } ({ $requirement }: { $fact })
audit-detail-offer-created = Offer { $offer } created ({ $type })
audit-detail-offer-moved = Offer { $offer }: { $offer_from } → { $offer_to }
audit-detail-user-created = User { $email } created with the roles { $roles }
audit-detail-user-created-cli = User { $email } created with the roles { $roles } (on the command line)
audit-detail-roles-changed = Roles of { $email }: { $roles_from } → { $roles }
audit-detail-user-removed = User { $email } removed (roles: { $roles })
audit-detail-password-changed = Password of { $email } changed
audit-detail-password-reset = Password reset through a mailed link; every session and API token ended
audit-detail-sign-in-failed = Sign-in failed for { $email } from { $address }
audit-detail-invitation-sent = Invitation to { $email } with the roles { $roles }
audit-detail-invitation-revoked = Invitation to { $email } revoked
audit-detail-invitation-accepted = { $email } accepted the invitation of { $inviter } with the roles { $roles }
audit-detail-revenue-imported = { $count } revenue rows imported by { $email }
audit-detail-logo-uploaded = Logo uploaded: { $content_type }, { $width } × { $height } px, { $bytes } bytes
audit-detail-competencies-changed = Gold competencies: { $competencies_from } → { $competencies }
audit-detail-organization-created = Organization { $organization } created; { $facts }
audit-detail-facts-changed = { $facts }
