package loadgen

// DashboardMix is the soak's traffic: what a dashboard and an embed ask
// most, on the curated fixtures' actors and dates.
var DashboardMix = []Op{
	{Name: "timeline page", Query: `query($from: Date, $to: Date) { timeline(filter: { dates: { from: $from, to: $to } }, first: 50) { totalCount pageInfo { hasNextPage endCursor } nodes { id type title date { value precision display } place { name } } } }`,
		Vars: map[string]any{"from": "2025-10-01", "to": "2025-11-30"}},
	{Name: "network month", Query: `{ network(filter: { dates: { from: "2025-10-01", to: "2025-10-31" } }) { nodes { actor { id name } eventCount } edges { source { id } target { id } weight events { id title } } } }`},
	{Name: "actor page", Query: `query($id: ID!) { actor(id: $id) { name aliases roles { title for { name } } events(first: 50) { totalCount nodes { id title date { display } place { name } participants { actor { id name } role } sources { source { url publisher } quote } } } counterparts { actor { name } count } } }`,
		Vars: map[string]any{"id": "witkoff"}},
	{Name: "search", Query: `query($q: String!) { search(query: $q) { kind score node { ... on Actor { id name } ... on Event { id title } ... on PlanPoint { id text } } } }`,
		Vars: map[string]any{"q": "Zelensky"}},
	{Name: "event page", Query: `query($id: ID!) { event(id: $id) { title summary date { display } durationMinutes place { name in { name } } participants { actor { name } role represents { name } sources { source { url } quote } } sources { source { title publisher url published { display } } quote unconfirmed } disputes { field values { display sources { source { url } } } } previous { id } next { id } } }`,
		Vars: map[string]any{"id": "meeting-2025-10-24-miami"}},
	{Name: "plan diff", Query: `{ planDiff(from: "plan-20-point", to: "plan-28-point") { added { id text } removed { id } revised { before { text } after { text } } } }`},
}
