using RstLab.Cli;

return LabCommand.Invoke(Repository.Find(AppContext.BaseDirectory), Terminal.ForThisProcess(), args);
