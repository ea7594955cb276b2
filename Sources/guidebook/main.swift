import GuidebookCommands

await GuidebookCommand.runAsMain()
