import Foundation

enum WriteStage {
    /// The files no stage wrote itself (published content files, the theme's and the brand's files,
    /// the search synonyms), then the new site takes the old one's place. A write failure in an earlier
    /// stage stops it first; whatever fails, the old site stays as it was.
    static func finish(
        _ loaded: LoadedSite, theme: Theme, linked: LinkedSite, writeFailures: [String?], output: some OutputConsumer
    ) throws {
        do {
            if let failure = writeFailures.compactMap({ $0 }).first {
                throw BuildError(stage: "write", path: "", reason: failure)
            }
            for asset in loaded.content.assets where linked.publishedAssets.contains(asset.contentPath) {
                guard let data = loaded.assetFiles[asset.contentPath] else { continue }
                try output.write(data, to: asset.outputPath)
            }
            for (relative, source) in theme.assetSources.sorted(by: { $0.key < $1.key }) {
                try output.copyFile(from: source, to: "assets/\(relative)")
            }
            for (path, data) in loaded.brand.files.sorted(by: { $0.key < $1.key }) {
                try output.write(data, to: path)
            }
            if loaded.configuration.hasSearch {
                let synonyms = SearchSynonyms(configured: loaded.configuration.synonyms, glossary: linked.glossary.entries)
                try output.write(Data(synonyms.file.contents.utf8), to: SearchSynonyms.path)
            }
            try output.commit()
        } catch {
            output.discard()
            throw error
        }
    }
}
