import GuidebookCommands

GuidebookCommand.runAsMain()
