import ArgumentParser
import ForkExplainCore

/// `--format`: who reads the report.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, json

    func render(_ report: Report, symbolizer: any Symbolizer) throws -> String {
        switch self {
        case .text: return TextRenderer(symbols: report.symbols(using: symbolizer)).render(report)
        case .markdown: return MarkdownRenderer(symbols: report.symbols(using: symbolizer)).render(report)
        case .json: return try JSONRenderer().render(report)
        }
    }
}

extension LLVMSymbolizer {
    /// llvm-symbolizer when it is installed, module+offset otherwise.
    static func best() -> any Symbolizer {
        LLVMSymbolizer() ?? NoSymbolizer()
    }
}
