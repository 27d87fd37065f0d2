extension String {
    /// The text with every character that would act on a terminal or reorder
    /// what follows made visible instead: C0 controls (newline and tab
    /// included: one item is one line), DEL, C1 controls and the Unicode
    /// bidirectional overrides and isolates. Log strings (process names,
    /// paths, cgroup names) are chosen by whoever ran the program, and an
    /// escape sequence in one must not reach the reader's terminal raw.
    var escapingControls: String {
        guard unicodeScalars.contains(where: Self.mustEscape) else { return self }
        var out = ""
        for scalar in unicodeScalars {
            if !Self.mustEscape(scalar) {
                out.unicodeScalars.append(scalar)
            } else if scalar.value < 0x100 {
                out += "\\x" + Self.hex(scalar.value, digits: 2)
            } else {
                out += "\\u{" + Self.hex(scalar.value, digits: 4) + "}"
            }
        }
        return out
    }

    static func mustEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        // ALM, LRM, RLM, LRE/RLE/PDF/LRO/RLO, LRI/RLI/FSI/PDI.
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: Swift.max(0, digits - text.count)) + text
    }
}
