<?xml version="1.0" encoding="UTF-8"?>
<!-- One teacher's year as the school or the district sees it: the shared teacher-year template. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../teacher-year.xsl"/>
</xsl:stylesheet>
