/// A path of keys and indices into a JSON document, printed the way errors print it:
/// `classes[2].set`. The empty path is the document as a whole.
struct KeyPath: Hashable, Sendable, CustomStringConvertible {
    private(set) var text: String

    init(_ text: String = "") { self.text = text }

    /// The path of the member `name` of the object at this path.
    func key(_ name: String) -> KeyPath { KeyPath(text.isEmpty ? name : text + "." + name) }
    /// The path of the element `index` of the array at this path.
    func index(_ index: Int) -> KeyPath { KeyPath(text + "[\(index)]") }

    var description: String { text }
}
