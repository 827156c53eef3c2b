"""A tiny O*NET text release written in the test, and an index built from it."""

from __future__ import annotations

from pathlib import Path

S = "\t"


def _write(folder: Path, name: str, header: str, rows: list[str]) -> None:
    (folder / name).write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")


def write_tiny_release(folder: Path) -> Path:
    """Three occupations, just enough of every file the index reads."""
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder, "Occupation Data.txt", "O*NET-SOC Code\tTitle\tDescription", [
        "51-4041.00\tMachinists\tSet up and operate machine tools to produce precision parts.",
        "51-4121.00\tWelders, Cutters, Solderers, and Brazers\tWeld or join metal components.",
        "29-1141.00\tRegistered Nurses\tAssess patient health problems and needs.",
    ])  # fmt: skip
    _write(folder, "Alternate Titles.txt", "O*NET-SOC Code\tAlternate Title\tShort Title\tSource(s)", [
        "51-4041.00\tCNC Machinist (Computer Numerical Control Machinist)\tn/a\t04",
        "51-4121.00\tFabricator Welder\tn/a\t04",
        "29-1141.00\tStaff Nurse\tn/a\t04",
        "29-1141.00\tZeppelin Medic\tn/a\t04",
    ])  # fmt: skip
    _write(folder, "Sample of Reported Titles.txt", "O*NET-SOC Code\tReported Job Title\tShown in My Next Move", [
        "51-4121.00\tPipe Welder\tY",
    ])  # fmt: skip
    tasks = [
        # machinists: two tasks share one activity, a third has its own, a fourth none
        "51-4041.00\t1\tMeasure parts with micrometers.\tCore\t10\t08/2025\tIncumbent",
        "51-4041.00\t2\tCheck tolerances against blueprints.\tCore\t10\t08/2025\tIncumbent",
        "51-4041.00\t3\tOperate lathes and mills.\tCore\t10\t08/2025\tIncumbent",
        "51-4041.00\t4\tClean the shop floor.\tSupplemental\t10\t08/2025\tIncumbent",
        "51-4121.00\t5\tWeld components.\tCore\t10\t08/2025\tIncumbent",
        "29-1141.00\t6\tMonitor patients.\tCore\t10\t08/2025\tIncumbent",
    ]
    _write(
        folder,
        "Task Statements.txt",
        "O*NET-SOC Code\tTask ID\tTask\tTask Type\tIncumbents Responding\tDate\tDomain Source",
        tasks,
    )
    _write(folder, "Tasks to DWAs.txt", "O*NET-SOC Code\tTask ID\tDWA ID\tDate\tDomain Source", [
        "51-4041.00\t1\t4.A.1.b.3.I01.D01\t03/2014\tAnalyst",
        "51-4041.00\t2\t4.A.1.b.3.I01.D02\t03/2014\tAnalyst",
        "51-4041.00\t3\t4.A.3.a.3.I01.D01\t03/2014\tAnalyst",
    ])  # fmt: skip
    _write(folder, "Content Model Reference.txt", "Element ID\tElement Name\tDescription", [
        "4.A.1.b.3\tEstimating the Quantifiable Characteristics\tx",
        "4.A.3.a.3\tControlling Machines and Processes\tx",
    ])  # fmt: skip
    rating_header = (
        "O*NET-SOC Code\tElement ID\tElement Name\tScale ID\tData Value\tN\tStandard Error\t"
        "Lower CI Bound\tUpper CI Bound\tRecommend Suppress\tNot Relevant\tDate\tDomain Source"
    )
    _write(folder, "Skills.txt", rating_header, [
        "51-4041.00\t2.A.1.a\tReading Comprehension\tIM\t3.00\t8\t0\t0\t0\tN\tn/a\t08/2025\tAnalyst",
        "51-4041.00\t2.A.1.a\tReading Comprehension\tLV\t3.50\t8\t0\t0\t0\tN\tN\t08/2025\tAnalyst",
        "51-4041.00\t2.B.3.b\tOperation and Control\tIM\t4.25\t8\t0\t0\t0\tN\tn/a\t08/2025\tAnalyst",
        "51-4041.00\t2.B.3.c\tSuppressed Skill\tIM\t4.90\t8\t0\t0\t0\tY\tn/a\t08/2025\tAnalyst",
    ])  # fmt: skip
    _write(folder, "Job Zones.txt", "O*NET-SOC Code\tJob Zone\tDate\tDomain Source", [
        "51-4041.00\t3\t08/2025\tAnalyst", "29-1141.00\t4\t08/2025\tAnalyst",
    ])  # fmt: skip
    _write(folder, "Job Zone Reference.txt", "Job Zone\tName\tExperience\tEducation\tJob Training\tExamples\tSVP Range", [
        "3\tJob Zone Three: Medium Preparation Needed\tsome\tvocational\tx\tx\tx",
    ])  # fmt: skip
    _write(folder, "Technology Skills.txt", "O*NET-SOC Code\tExample\tCommodity Code\tCommodity Title\tHot Technology\tIn Demand", [
        "51-4041.00\tAlpha CAM\t1\tCAM software\tN\tN",
        "51-4041.00\tZeta CAD\t2\tCAD software\tY\tN",
    ])  # fmt: skip
    _write(folder, "Education, Training, and Experience Categories.txt", "Element ID\tElement Name\tScale ID\tCategory\tCategory Description", [
        "2.D.1\tRequired Level of Education\tRL\t2\tHigh School Diploma - or the equivalent (for example, GED)",
        "2.D.1\tRequired Level of Education\tRL\t3\tPost-Secondary Certificate - awarded for training",
    ])  # fmt: skip
    _write(folder, "Education, Training, and Experience.txt", "O*NET-SOC Code\tElement ID\tElement Name\tScale ID\tCategory\tData Value\tN\tStandard Error\tLower CI Bound\tUpper CI Bound\tRecommend Suppress\tDate\tDomain Source", [
        "51-4041.00\t2.D.1\tRequired Level of Education\tRL\t2\t30.00\t9\t0\tn/a\tn/a\tN\t08/2025\tIncumbent",
        "51-4041.00\t2.D.1\tRequired Level of Education\tRL\t3\t70.00\t9\t0\tn/a\tn/a\tN\t08/2025\tIncumbent",
    ])  # fmt: skip
    _write(folder, "Related Occupations.txt", "O*NET-SOC Code\tRelated O*NET-SOC Code\tRelatedness Tier\tIndex", [
        "51-4041.00\t51-4121.00\tPrimary-Short\t1",
    ])  # fmt: skip
    return folder


def write_reference(folder: Path) -> tuple[Path, Path]:
    soc, oes = folder / "soc", folder / "oes"
    soc.mkdir(parents=True)
    oes.mkdir(parents=True)
    _write(soc, "soc_2018_structure.tsv", "soc_code\tlevel\ttitle\tmajor_group\tminor_group\tbroad_group", [
        "51-4041\tdetailed\tMachinists\t51-0000\t51-4000\t51-4040",
        "29-1141\tdetailed\tRegistered Nurses\t29-0000\t29-1100\t29-1140",
    ])  # fmt: skip
    cols = "OCC_CODE\tOCC_TITLE\tO_GROUP\tTOT_EMP\tEMP_PRSE\tH_MEAN\tA_MEAN\tMEAN_PRSE\tH_PCT10\tH_PCT25\tH_MEDIAN\tH_PCT75\tH_PCT90\tA_PCT10\tA_PCT25\tA_MEDIAN\tA_PCT75\tA_PCT90\tFOOTNOTE_CODES"
    _write(oes, "oews_national_M2025.tsv", cols, [
        "51-4041\tMachinists\tdetailed\t287050\t1\t1\t1\t1\t1\t1\t28.24\t1\t1\t1\t1\t58750\t1\t1\t",
        "29-1140\tRegistered Nurses (broad)\tbroad\t3300000\t1\t1\t1\t1\t1\t1\t46.90\t1\t1\t1\t1\t97550\t1\t1\t",
    ])  # fmt: skip
    return soc, oes
