namespace NotebookRunner.Kernel;

/// <summary>A package a cell asked for with <c>#r "nuget: ..."</c>.</summary>
/// <param name="Name">The package id.</param>
/// <param name="Version">The version or range, or null for the latest.</param>
/// <param name="Line">The 1-based line of the request within the cell.</param>
internal sealed record PackageRequest(string Name, string? Version, int Line);
