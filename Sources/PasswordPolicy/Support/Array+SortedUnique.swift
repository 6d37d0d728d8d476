extension Array where Element: Equatable {
    /// Removes repeated elements from a sorted array, keeping the first of each run.
    mutating func removeDuplicatesInSorted() {
        var unique = 0
        for index in indices where index == 0 || self[index] != self[unique - 1] {
            self[unique] = self[index]
            unique += 1
        }
        removeLast(count - unique)
    }
}
