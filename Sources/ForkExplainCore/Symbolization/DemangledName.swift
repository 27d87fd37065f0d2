/// A demangled C++ name as every LLVM writes it. LLVM 15's demangler stopped
/// putting a space between two closing template brackets (`Foo<Bar<int>>`,
/// LLVM 14 and GNU c++filt: `Foo<Bar<int> >`), so a report's names would
/// depend on the symbolizer installed; they are written as LLVM 14 and
/// binutils write them, the form reports had before newer symbolizers were
/// preferred (docs/performance.md, "Which llvm-symbolizer"). `operator>>`,
/// `operator>>=` and `operator>` are names, left as they are.
enum DemangledName {
    static func canonical(_ name: String) -> String {
        guard name.contains(">>") else { return name }
        let characters = Array(name)
        var result = ""
        result.reserveCapacity(characters.count + 8)
        var index = 0
        while index < characters.count {
            if Self.startsOperator(characters, at: index) {
                // "operator" and its symbol characters, verbatim.
                var end = index + 8
                while end < characters.count, end < index + 11, "<>=-*".contains(characters[end]) { end += 1 }
                result.append(contentsOf: characters[index..<end])
                index = end
                continue
            }
            result.append(characters[index])
            if characters[index] == ">", index + 1 < characters.count, characters[index + 1] == ">" {
                result.append(" ")
            }
            index += 1
        }
        return result
    }

    private static func startsOperator(_ characters: [Character], at index: Int) -> Bool {
        let word = Array("operator")
        guard index + word.count <= characters.count, Array(characters[index..<index + word.count]) == word else {
            return false
        }
        // A whole word: not the tail of an identifier such as `my_operator`.
        return index == 0
            || !(characters[index - 1].isLetter || characters[index - 1].isNumber || characters[index - 1] == "_")
    }
}
