namespace AsyncLab;

/// <summary>One diagnostic a build reported: its id (such as <c>VSTHRD002</c> or <c>CS4014</c>), where, and what it says.</summary>
/// <param name="Id">The diagnostic's id.</param>
/// <param name="File">The source file's name, without its folder.</param>
/// <param name="Line">The line, from 1.</param>
/// <param name="Message">The diagnostic's message, without its help link.</param>
public sealed record AnalyzerFinding(string Id, string File, int Line, string Message);
