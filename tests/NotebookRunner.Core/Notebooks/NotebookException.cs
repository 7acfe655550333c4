namespace NotebookRunner.Notebooks;

/// <summary>A notebook that cannot be run as it is: the message names the file and the problem.</summary>
public sealed class NotebookException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NotebookException(string message) : base(message) { }

    /// <summary>Creates the exception with the error that caused it.</summary>
    public NotebookException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception.</summary>
    public NotebookException() { }
}
