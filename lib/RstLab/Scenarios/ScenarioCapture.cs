using RstLab.Capture;
using RstLab.Namespaces;

namespace RstLab.Scenarios;

/// <summary>A scenario that needs namespaces, run live where it can be, else shown from its recording.</summary>
static class ScenarioCapture
{
    /// <summary>The capture <paramref name="run"/> returns, or the recording <paramref name="recording"/> with the sentence saying why it could not run.</summary>
    public static WireCapture LiveOrRecorded(string recording, Func<WireCapture> run)
    {
        try
        {
            return run();
        }
        catch (NamespaceUnavailableException e)
        {
            return WireCapture.Recorded(recording, e.Message);
        }
    }
}
