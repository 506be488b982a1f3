import Engine
import Store

extension Portfolio {
    /// The texts of the portfolio (`portfolio.doc.*`, the statement's headings, the evaluation's options) and of the
    /// certificate it may hold.
    static let texts = [
        "title", "lead", "programme", "programme_text", "facts", "joint", "joint_none", "objectives",
        "objectives_none", "how", "time_frame", "outcomes", "outcomes_none", "skills", "evaluation",
        "evaluation_none", "participation", "achievements", "consistency", "note", "written", "certificate",
        "certificate_not_yet", "footer",
    ].map { "portfolio.doc.\($0)" } + LearningStatementText.headings + Certificate.texts
        + (SaveTeamEvaluation.participationOptions + SaveTeamEvaluation.consistencyOptions).map { "option.\($0)" }

    /// The whole portfolio as one HTML page, printable on A4: every text HTML-escaped, the certificate on a page
    /// of its own.
    func html(localizer: Localizer) -> String {
        func say(_ key: String, _ arguments: [String: String] = [:]) -> String {
            HTML.escape(localizer.text("portfolio.doc.\(key)", language, arguments))
        }
        func text(_ key: String) -> String { HTML.escape(localizer.text(key, language)) }
        func paragraphs(_ text: String) -> String {
            text.split(separator: "\n", omittingEmptySubsequences: true)
                .map { "<p>\(HTML.escape(String($0)))</p>" }.joined(separator: "\n")
        }
        func option(_ id: String) -> String {
            HTML.escape(localizer.text("option.\(id)", language).split(separator: ",").first.map(String.init) ?? id)
        }
        let title = say("title")
        let facts = say("facts", [
            "programme": programme.name, "start": startDate.iso, "end": endDate.iso, "meetings": String(meetings),
            "hours": SlotDisplay.text(.duration(minutes: minutes)),
        ])
        let joint = jointStatement.map(paragraphs) ?? "<p class=\"none\">\(say("joint_none"))</p>"
        let objectives = goals.isEmpty ? "<p class=\"none\">\(say("objectives_none"))</p>" : "<ol>\n" + goals.map {
            "<li><strong>\(HTML.escape($0.goal))</strong><br>\(say("how")): \(HTML.escape($0.how))<br>"
                + "\(say("time_frame")): \(HTML.escape($0.timeFrame))</li>"
        }.joined(separator: "\n") + "\n</ol>"
        let outcomes = statement.map { parts in
            let headings = LearningStatementText.headings
            let general = [0, 1, 2].map { "<h3>\(text(headings[$0]))</h3>\n\(paragraphs(parts.numbered[$0]))" }
            let skills = [3, 4, 5].map { "<h4>\(text(headings[$0]))</h4>\n\(paragraphs(parts.numbered[$0]))" }
            return (general + ["<h3>\(say("skills"))</h3>"] + skills
                + ["<h3>\(text(headings[6]))</h3>\n\(paragraphs(parts.nowAble))"]).joined(separator: "\n")
        } ?? "<p class=\"none\">\(say("outcomes_none"))</p>"
        let evaluation = self.evaluation.map { evaluation in
            var rows = [
                (say("participation"), option(evaluation.participation)),
                (say("achievements"), HTML.escape(evaluation.achievements)),
                (say("consistency"), option(evaluation.consistency)),
            ]
            if let note = evaluation.note { rows.append((say("note"), HTML.escape(note))) }
            let written = ProgrammeTime(evaluation.createdAt, timeZone: programme.timeZone).date.iso
            rows.append((say("written"), written))
            return "<dl>\n" + rows.map { "<dt>\($0.0)</dt><dd>\($0.1)</dd>" }.joined(separator: "\n") + "\n</dl>"
        } ?? "<p class=\"none\">\(say("evaluation_none"))</p>"
        let sheet = certificate.flatMap { certificate in
            certificate.holders.first.map { certificate.sheet($0, localizer) }
        }
        let notYet = sheet == nil ? """
            <section id="certificate">
            <h2>\(say("certificate"))</h2>
            <p class="none">\(say("certificate_not_yet"))</p>
            </section>
            """ : ""
        let earned = sheet.map { "<section id=\"certificate\" class=\"page\">\n\($0)\n</section>" } ?? ""
        return """
            <!DOCTYPE html>
            <html lang="\(HTML.escape(language))"><head><meta charset="utf-8">
            <title>\(title) — \(HTML.escape(name))</title>
            <style>
            \(Certificate.style)
            main{font-size:11pt;line-height:1.45}
            main h1{font-size:22pt;font-weight:normal;margin:0 0 2mm}
            main h2{font-size:15pt;border-bottom:1px solid #999;margin:8mm 0 3mm}
            main h2,main h3,main h4{break-after:avoid;page-break-after:avoid}
            main h3,main h4{margin:4mm 0 1mm}
            dt{font-weight:bold}dd{margin:0 0 2mm 6mm}
            li{margin-bottom:2mm}.none{font-style:italic;color:#555}
            .page{break-before:page;page-break-before:always}
            footer{margin-top:8mm;font-size:9pt;color:#555}
            @media screen{body{background:#ddd}main,.sheet{background:#fff}main{max-width:180mm;margin:10mm auto;
            padding:10mm}}
            </style></head>
            <body>
            <main>
            <h1>\(title)</h1>
            <p class="lead">\(say("lead", ["name": name]))</p>
            <section id="programme">
            <h2>\(say("programme"))</h2>
            <p>\(HTML.escape(localizer.text(programmeTitle, language)))</p>
            <p>\(say("programme_text"))</p>
            <p>\(facts)</p>
            </section>
            <section id="joint-statement">
            <h2>\(say("joint"))</h2>
            \(joint)
            </section>
            <section id="objectives">
            <h2>\(say("objectives"))</h2>
            \(objectives)
            </section>
            <section id="outcomes">
            <h2>\(say("outcomes"))</h2>
            \(outcomes)
            </section>
            <section id="evaluation">
            <h2>\(say("evaluation"))</h2>
            \(evaluation)
            </section>
            \(notYet)
            <footer>\(say("footer", ["name": name, "date": issued.iso]))</footer>
            </main>
            \(earned)
            </body></html>

            """
    }
}
