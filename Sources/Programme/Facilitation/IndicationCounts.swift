import Engine
import Store

/// The good indications school pairs ticked in their progress reviews (goals set, new skills, attendance …), as the
/// programme report shows them: for each, how many different pairs ticked it at least once — counts only, never a
/// pair's words — each through the report's own suppression (`ProgrammeReport.shown`: under 5 pairs read "<5",
/// their bar drawn flat). The one total is how many pairs reviewed their progress at all; as a pair may tick
/// several indications or none, it is no sum of the counts, so it reveals none of them.
public struct IndicationCounts: Sendable, Hashable {
    /// One indication: its option id, its English name and the pairs that ticked it.
    public struct Indication: Sendable, Hashable {
        public let id: String
        public let label: String
        public let pairs: Int

        /// The count as published.
        public var shown: String { IndicationCounts.published(pairs) }

        /// The bar height a chart may draw: 0 for a hidden count, so the bar cannot give it away.
        public var drawn: Int { shown == String(pairs) ? pairs : 0 }
    }

    /// The one place a count of pairs is suppressed: the programme report's own rule.
    static func published(_ pairs: Int) -> String { ProgrammeReport.shown(pairs) }

    public let indications: [Indication]
    /// Pairs that saved at least one progress review.
    public let pairsReviewed: Int

    /// The indications a programme of `template` can tick — the options of the `choices` question of the flows
    /// naming `save_review` there — with their English names.
    public static func options(in catalog: DialogCatalog, template: String) -> [(id: String, label: String)] {
        let reviewAction = SaveReview().name
        let flows = catalog.flows.filter { $0.action == reviewAction && ($0.templates?.contains(template) ?? true) }
        var seen: Set<String> = []
        return flows.flatMap { flow in flow.states.filter { $0.slotType == .choices }.flatMap(\.options) }
            .filter { seen.insert($0).inserted }
            .map { id in
                let text = catalog.localizer.text("option.\(id)", Localizer.fallbackLanguage)
                return (id, text.split(separator: ",").first.map(String.init) ?? id)
            }
    }

    /// Counts the programme's reviews for `options`, or nil when the programme's template has no review flow.
    public static func load(
        programme name: String, catalog: DialogCatalog, connection: Connection
    ) throws(ReportError) -> IndicationCounts? {
        do {
            guard let programme = try ProgrammeRepository(connection).programme(named: name) else {
                throw ReportError.unknownProgramme(name)
            }
            let options = options(in: catalog, template: programme.template)
            guard !options.isEmpty else { return nil }
            let reviews = ProgressReviewRepository(connection)
            let counts = try reviews.pairsPerIndication(programmeID: programme.id)
            return IndicationCounts(
                indications: options.map { .init(id: $0.id, label: $0.label, pairs: counts[$0.id] ?? 0) },
                pairsReviewed: try reviews.pairsReviewed(programmeID: programme.id))
        } catch let error as ReportError {
            throw error
        } catch {
            throw ReportError.store("\(error)")
        }
    }

    /// A numbered bar per indication, a suppressed count drawn flat so the bar cannot give it away.
    var chart: SVGBarChart {
        SVGBarChart(title: "Good indications in progress reviews", bars: indications.enumerated().map {
            .init(label: String($0.offset + 1), value: $0.element.drawn, shown: $0.element.shown)
        })
    }

    /// The report's figure: the chart and the numbered names.
    var figure: String {
        let names = indications.map {
            "<li>\(HTML.escape($0.label)): \(HTML.escape($0.shown))</li>"
        }
        return """
            <figure><figcaption>Good indications the pairs saw in their progress reviews: pairs that ticked each at
            least once. \(HTML.escape(Self.published(pairsReviewed))) pairs reviewed their progress; a pair may
            tick several indications or none, so the bars do not add up to it.</figcaption>
            \(chart.svg)
            <ol>
            \(names.joined(separator: "\n"))
            </ol>
            </figure>
            """
    }

    /// `indication,pairs`, one line per indication.
    public var csv: String {
        var table = CSVTable(header: ["indication", "pairs"])
        for indication in indications { table.append([indication.label, indication.shown]) }
        return table.text
    }
}
